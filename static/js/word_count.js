// Long answers: count words as the applicant types, against the question's limit.
// The server checks the limit too; this only tells the applicant early.
const words = (text) => (text.trim() ? text.trim().split(/\s+/).length : 0);

for (const field of document.querySelectorAll("textarea[data-word-limit]")) {
  const limit = Number(field.dataset.wordLimit);
  if (!limit) continue;
  const counter = document.createElement("p");
  counter.className = "nhsuk-hint pioneer-word-count";
  counter.id = `${field.id}-word-count`;
  counter.setAttribute("aria-live", "polite");
  field.insertAdjacentElement("afterend", counter);
  field.setAttribute(
    "aria-describedby",
    `${field.getAttribute("aria-describedby") || ""} ${counter.id}`.trim(),
  );
  const update = () => {
    const left = limit - words(field.value);
    const over = left < 0;
    counter.textContent = over
      ? `You have ${-left} word${left === -1 ? "" : "s"} too many`
      : `You have ${left} word${left === 1 ? "" : "s"} remaining`;
    counter.classList.toggle("nhsuk-error-message", over);
    counter.classList.toggle("nhsuk-hint", !over);
  };
  field.addEventListener("input", update);
  update();
}
