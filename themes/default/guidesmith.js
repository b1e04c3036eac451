// guidesmith default theme: small progressive enhancements, none required.
// Adds a "Copy" button to code blocks.
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  document.querySelectorAll("pre.gs-code").forEach(function (pre) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "gs-copy";
    button.textContent = "Copy";
    button.addEventListener("click", function () {
      var code = pre.querySelector("code");
      navigator.clipboard.writeText(code ? code.innerText : pre.innerText).then(function () {
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = "Copy"; }, 1500);
      });
    });
    pre.appendChild(button);
  });
})();
