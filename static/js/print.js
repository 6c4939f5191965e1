// The printable showcase programme: a "Print" button, shown only when JavaScript runs.
for (const button of document.querySelectorAll("[data-pioneer-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
