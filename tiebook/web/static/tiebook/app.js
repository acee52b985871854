// tiebook's own script: small progressive enhancements; every page works without it.
document.addEventListener("htmx:responseError", (event) => {
  const target = event.detail.target;
  if (target) {
    target.insertAdjacentHTML("beforeend",
      '<p class="error" role="alert">That did not work; reload the page and try again.</p>');
  }
});
