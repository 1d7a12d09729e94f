/**
 * Announces a change from a control element: a `type` event (`value-changed`, `rule-changed`)
 * carrying `detail`, which bubbles out of shadow roots so the form around it hears it.
 */
export function emitChange<Detail>(source: HTMLElement, type: string, detail: Detail): void {
  source.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

/**
 * A listener for a nested control's change event that handles it here and stops it, so the
 * element's own change event is the only one its parent hears.
 */
export function onNestedChange<Detail>(handle: (detail: Detail) => void): (event: CustomEvent<Detail>) => void {
  return (event) => {
    event.stopPropagation();
    handle(event.detail);
  };
}
