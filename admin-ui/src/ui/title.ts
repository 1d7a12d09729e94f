/** Names the browser tab after the screen: "Contacts · Trellis". */
export function setTitle(screen: string): void {
  document.title = screen ? `${screen} · Trellis` : 'Trellis';
}
