/**
 * Hands a text file to the browser's download (nothing leaves the device): a Blob behind a
 * temporary link, attached while clicked (some browsers ignore a detached link's click).
 */
export function downloadText(text: string, name: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: the download has started by then (some browsers read the Blob after click returns).
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
