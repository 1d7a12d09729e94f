import { LitElement, html } from 'lit';

// PLACEHOLDER: replaced by the plugin panels and actions of a record page.
export class Placeholder extends LitElement {
  override render() {
    return html``;
  }
}
customElements.define('tr-record-extensions', Placeholder);
