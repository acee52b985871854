// tiebook's own script: small progressive enhancements; every page works without it.
document.addEventListener("htmx:responseError", (event) => {
  const target = event.detail.target;
  if (target) {
    target.insertAdjacentHTML("beforeend",
      '<p class="error" role="alert">That did not work; reload the page and try again.</p>');
  }
});

// Filters left empty stay out of the address bar: /people/?q=ada, not ?q=ada&tag=&org=...
document.addEventListener("htmx:configRequest", (event) => {
  if (event.detail.verb !== "get") return;
  const params = event.detail.parameters;
  for (const key of Array.from(params.keys ? params.keys() : Object.keys(params))) {
    const value = params.get ? params.get(key) : params[key];
    if (value === "") {
      if (params.delete) params.delete(key); else delete params[key];
    }
  }
});
