// "Print or save as PDF": the browser's own print dialog, which saves a PDF in Chromium.
document.querySelectorAll("[data-print]").forEach(function (b) {
  b.addEventListener("click", function () { window.print(); });
});
