import { LitElement, html } from 'lit';

// PLACEHOLDER: replaced by the screen's real implementation.
export class Placeholder extends LitElement {
  override render() {
    return html`<p>tr-record-create-page</p>`;
  }
}
customElements.define('tr-record-create-page', Placeholder);
