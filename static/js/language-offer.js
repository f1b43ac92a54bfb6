// The language offer's "No, thanks": remembered in its cookie and closed here, without leaving the page.
// (Without script the link does the same through /language-offer.)
document.addEventListener("click", (event) => {
  const no = event.target.closest("[data-language-offer-dismiss]");
  if (!no) return;
  event.preventDefault();
  document.cookie = "language_offer=no; path=/; max-age=31536000; samesite=lax";
  no.closest("[data-language-offer]").remove();
});
