// guidesmith default theme script. Every page reads completely without it.
//
// On a guide page it adds: a form for the guide's values, validated and
// normalised with the command line's rules (assets/guidesmith-rules.js is
// generated from src/inputs), live filling of every placeholder (text, code,
// link targets), per-step ticks and a progress bar, notes for non-secret
// records, "print checklist". Elsewhere: search, the colour theme, copy
// buttons. Values and ticks stay in this browser (localStorage, keys
// "guidesmith:<site-url>:..."); nothing is sent anywhere. Values are only
// ever inserted as text (textContent, setAttribute on a URL-encoded href),
// never as markup.
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.guidesmith = api;
    api.start(root);
  }
})(this, function () {
  "use strict";

  // ---------------------------------------------------------------------
  // Validation: a port of src/inputs (validate_value, normalise_my_domain)
  // that reads its constants from the generated rules. A test runs one
  // table of values through both and requires identical results.

  // Rust's char::is_whitespace (the Unicode White_Space property).
  var WHITE = "\t\n\u000b\u000c\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";
  function isWhite(c) { return WHITE.indexOf(c) >= 0; }
  function chars(s) { return Array.from(s); }
  // str::trim, which trims White_Space only (JavaScript's trim differs).
  function trim(s) {
    var a = chars(s), i = 0, j = a.length;
    while (i < j && isWhite(a[i])) i++;
    while (j > i && isWhite(a[j - 1])) j--;
    return a.slice(i, j).join("");
  }
  function cp(c) { return c.codePointAt(0); }
  function isControl(c) { var n = cp(c); return n <= 0x1f || (n >= 0x7f && n <= 0x9f); }
  function isLineBreak(c) { return "\n\r\u000b\u000c\u0085\u2028\u2029".indexOf(c) >= 0; }
  function isBidi(c) { var n = cp(c); return (n >= 0x202a && n <= 0x202e) || (n >= 0x2066 && n <= 0x2069); }
  function isAsciiDigit(c) { return c >= "0" && c <= "9"; }
  function isAsciiLower(c) { return c >= "a" && c <= "z"; }
  function isAsciiAlnum(c) { return /^[A-Za-z0-9]$/.test(c); }
  function isAlnum(c) { return /^[\p{Alphabetic}\p{N}]$/u.test(c); }
  function hex4(c) { var h = cp(c).toString(16).toUpperCase(); while (h.length < 4) h = "0" + h; return h; }
  function asciiLower(s) { return s.replace(/[A-Z]/g, function (c) { return c.toLowerCase(); }); }
  // char::escape_default
  function escChar(c) {
    var n = cp(c);
    if (c === "\t") return "\\t";
    if (c === "\r") return "\\r";
    if (c === "\n") return "\\n";
    if (c === "\\" || c === "'" || c === "\"") return "\\" + c;
    if (n >= 0x20 && n <= 0x7e) return c;
    return "\\u{" + n.toString(16) + "}";
  }
  function escapeDefault(s) { return chars(s).map(escChar).join(""); }
  function all(a, f) { for (var i = 0; i < a.length; i++) if (!f(a[i])) return false; return true; }
  function any(a, f) { for (var i = 0; i < a.length; i++) if (f(a[i])) return true; return false; }
  function find(a, f) { for (var i = 0; i < a.length; i++) if (f(a[i])) return a[i]; return undefined; }

  // strsim::jaro_winkler, over Unicode scalar values.
  function jaro(a, b) {
    a = chars(a); b = chars(b);
    if (!a.length && !b.length) return 1;
    if (!a.length || !b.length) return 0;
    var range = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
    var af = [], bf = [], m = 0, i, j;
    for (i = 0; i < a.length; i++) {
      var lo = i > range ? i - range : 0, hi = Math.min(b.length, i + range + 1);
      for (j = lo; j < hi; j++) {
        if (!bf[j] && a[i] === b[j]) { af[i] = bf[j] = true; m++; break; }
      }
    }
    if (!m) return 0;
    var t = 0, k = 0;
    for (i = 0; i < a.length; i++) {
      if (!af[i]) continue;
      while (!bf[k]) k++;
      if (a[i] !== b[k]) t++;
      k++;
    }
    t = Math.floor(t / 2);
    return (m / a.length + m / b.length + (m - t) / m) / 3;
  }
  function jaroWinkler(a, b) {
    var sim = jaro(a, b);
    if (sim <= 0.7) return sim;
    var ca = chars(a), cb = chars(b), p = 0;
    while (p < 4 && p < ca.length && p < cb.length && ca[p] === cb[p]) p++;
    return sim + 0.1 * p * (1 - sim);
  }
  // suggest::closest
  function closest(rules, word, candidates) {
    var w = word.toLowerCase(), best = null, bestScore = -1;
    candidates.forEach(function (c) {
      var s = jaroWinkler(w, c.toLowerCase());
      if (s < rules.suggestThreshold) return;
      if (s > bestScore || (s === bestScore && c < best)) { best = c; bestScore = s; }
    });
    return best;
  }

  function validateText(value) {
    var a = chars(value);
    if (any(a, isLineBreak)) return err("the value contains a line break; type it on a single line");
    var c = find(a, isControl);
    if (c !== undefined) {
      return err("the value contains the control character U+" + hex4(c) + (c === "\t" ? " (a tab)" : "") + "; type plain text without it");
    }
    c = find(a, isBidi);
    if (c !== undefined) {
      return err("the value contains the invisible text-direction character U+" + hex4(c) + ", which can make a guide read differently from what it says; type plain text without it");
    }
    return ok(value);
  }

  function validateBoolean(value) {
    var v = asciiLower(trim(value));
    if (v === "true" || v === "yes") return ok("true");
    if (v === "false" || v === "no") return ok("false");
    return err("`" + escapeDefault(trim(value)) + "` is not a yes/no value; type true or false (yes and no also work)");
  }

  function validateEmail(value) {
    var v = trim(value), shown = escapeDefault(v);
    if (v.indexOf("<") >= 0 || v.indexOf(">") >= 0) {
      return err("`" + shown + "` has angle brackets; type only the address, without a display name, e.g. admin@acme.com");
    }
    if (any(chars(v), function (c) { return isWhite(c) || isControl(c); })) {
      return err("`" + shown + "` contains a space or line break; type a single address, e.g. admin@acme.com");
    }
    var at = v.indexOf("@"), good = false;
    if (at >= 0) {
      var local = v.slice(0, at), domain = v.slice(at + 1), labels = domain.split(".");
      var tld = labels[labels.length - 1];
      good = local.length > 0 &&
        !any(chars(local), function (c) { return ",;\"()[]\\".indexOf(c) >= 0; }) &&
        domain.indexOf("@") < 0 && labels.length >= 2 &&
        all(labels, function (l) {
          return l.length > 0 && l[0] !== "-" && l[l.length - 1] !== "-" &&
            all(chars(l), function (c) { return isAlnum(c) || c === "-"; });
        }) &&
        chars(tld).length >= 2 && !all(chars(tld), isAsciiDigit);
    }
    return good ? ok(v) : err("`" + shown + "` is not an email address; type it as name@domain, e.g. admin@acme.com");
  }

  function validateChoice(rules, options, value) {
    if (!options.length) {
      return err("the guide lists no allowed values for this choice; the guide's author must add `options:`");
    }
    var v = trim(value);
    var exact = find(options, function (o) { return o === v; });
    if (exact !== undefined) return ok(exact);
    var folded = options.filter(function (o) { return trim(o).toLowerCase() === v.toLowerCase(); });
    if (folded.length === 1) return ok(folded[0]);
    var s = closest(rules, v, options);
    return err("`" + escapeDefault(v) + "` is not one of the allowed values: " + options.join(", ") +
      (s !== null ? "; did you mean `" + s + "`?" : ""));
  }

  // --- My Domain (src/inputs/mydomain.rs) ---
  function shownOf(typed) {
    var a = chars(typed).map(function (c) { return isControl(c) ? escChar(c) : c; }).join("");
    var ca = chars(a);
    return ca.length > 80 ? ca.slice(0, 77).join("") + "\u2026" : a;
  }
  function Fail(message) { this.message = message; }
  function fail(m) { throw new Fail(m); }

  function extractHost(md, typed, shown) {
    var hint = md.hint, lower = typed.toLowerCase(), i = lower.indexOf("://");
    var rest = i >= 0 ? lower.slice(i + 3) : lower, hadScheme = i >= 0;
    var end = rest.search(/[/?#]/);
    var authority = end >= 0 ? rest.slice(0, end) : rest;
    var at = authority.lastIndexOf("@");
    if (at >= 0) {
      if (!hadScheme) fail("`" + shown + "` looks like an email address or user name, not an org address; " + hint);
      authority = authority.slice(at + 1);
    }
    var colon = authority.lastIndexOf(":");
    if (colon >= 0 && all(chars(authority.slice(colon + 1)), isAsciiDigit)) authority = authority.slice(0, colon);
    var host = authority.replace(/\.+$/, "");
    if (host.slice(-8) === ".mcas.ms") host = host.slice(0, -8);
    if (!host) fail("`" + shown + "` contains no host name; " + hint);
    var bad = find(chars(host), function (c) { return !(isAsciiAlnum(c) || c === "-" || c === "."); });
    if (bad !== undefined) {
      var what = isWhite(bad) ? "a space" : isControl(bad) ? "the control character U+" + hex4(bad) : "`" + bad + "`";
      fail("`" + shown + "` contains " + what + ": a My Domain name has only letters a-z, digits and hyphens; " + hint);
    }
    if (host[0] === "." || host.indexOf("..") >= 0) fail("`" + shown + "` has an empty part between dots; " + hint);
    return host;
  }

  function isInstanceLabel(label) {
    var n = 0;
    while (n < label.length && isAsciiLower(label[n])) n++;
    var rest = label.slice(n);
    if (rest.slice(-1) === "s") rest = rest.slice(0, -1);
    return n >= 2 && n <= 4 && rest.length > 0 && all(chars(rest), isAsciiDigit);
  }
  function isInstanceHost(host) {
    var l = host.split(".");
    if (l.length === 3 && l[1] === "salesforce" && l[2] === "com") return isInstanceLabel(l[0]);
    if (l.length === 4 && (l[2] === "salesforce" || l[2] === "force") && l[3] === "com") return l[1].indexOf("sfdc-") === 0;
    if (l.length === 5 && l[0] === "c" && l[2] === "visual" && l[3] === "force" && l[4] === "com") return isInstanceLabel(l[1]);
    return false;
  }
  function endsWith(s, suffix) { return s.length >= suffix.length && s.slice(s.length - suffix.length) === suffix; }

  function splitHost(md, host, shown) {
    var hint = md.hint;
    if (host.indexOf(".") < 0) return [host, null, false];
    if (md.genericLoginHosts.indexOf(host) >= 0) fail("`" + shown + "` is Salesforce's generic login page, not your org; " + hint);
    if (isInstanceHost(host)) {
      fail("`" + shown + "` is an instance URL, not an environment name: instance URLs change when Salesforce migrates the org; " + hint);
    }
    var cloud = find(md.otherClouds, function (o) { return endsWith(host, o.suffix); });
    if (cloud) {
      fail("`" + shown + "` is a " + cloud.name + " address; guidesmith only knows the commercial Salesforce host forms, so a guide for this org would show wrong addresses");
    }
    for (var f = 0; f < md.families.length; f++) {
      var fam = md.families[f];
      if (!endsWith(host, fam.suffix)) continue;
      var labels = host.slice(0, host.length - fam.suffix.length).split(".");
      var label = labels[0], partition = null;
      for (var k = 1; k < labels.length; k++) {
        var middle = labels[k];
        if (partition === null && md.partitions.indexOf(middle) >= 0) partition = middle;
        else if (!isInstanceLabel(middle)) {
          fail("`" + shown + "` is not a My Domain address guidesmith recognises: unexpected `" + middle + "` before `" + fam.suffix.slice(1) + "`; " + hint);
        }
      }
      if (fam.visualforce && label === "c") fail("`" + shown + "` is an old Visualforce address that does not name your org; " + hint);
      return [label, partition, fam.visualforce];
    }
    var dot = host.indexOf(".");
    if (md.partitions.indexOf(host.slice(dot + 1)) >= 0) return [host.slice(0, dot), host.slice(dot + 1), false];
    if (endsWith(host, ".force.com")) {
      fail("`" + shown + "` looks like a Salesforce Sites or community address, which need not carry your My Domain name; " + hint);
    }
    if (any(md.salesforceDomains, function (d) { return host === d || endsWith(host, "." + d); })) {
      fail("`" + shown + "` is a Salesforce address but not your org's My Domain; " + hint);
    }
    fail("`" + shown + "` is not a Salesforce address; " + hint);
  }

  function buildDomain(md, label, partition, visualforce, shown) {
    var hint = md.hint;
    if (!label) fail("`" + shown + "` has no name before the first dot; " + hint);
    if (label[0] === "-") fail("`" + shown + "` starts with a hyphen: a My Domain name starts with a letter or digit; " + hint);
    if (label[label.length - 1] === "-") fail("`" + shown + "` ends with a hyphen: a My Domain name ends with a letter or digit; " + hint);
    if (label.indexOf("---") >= 0) {
      fail("`" + shown + "` has three hyphens in a row: exactly two (`--`) separate the My Domain name from the sandbox name; " + hint);
    }
    var parts = label.split("--");
    if (visualforce && parts.length >= 2) parts.pop();
    if (parts.length > 2) fail("`" + shown + "` has more than one `--`: only the sandbox name follows `--`; " + hint);
    var base = parts[0], sandbox = parts.length === 2 ? parts[1] : null;
    var devEd = endsWith(base, md.devEd);
    var limit = md.maxNameLen + (devEd ? md.devEd.length : 0);
    var len = chars(base).length;
    if (len > limit) {
      fail("the My Domain name `" + base + "` has " + len + " characters; Salesforce allows at most " + md.maxNameLen + ", so check for a typo; " + hint);
    }
    if (sandbox !== null && (sandbox.length > md.maxSandboxLen || !all(chars(sandbox), isAsciiAlnum))) {
      fail("the sandbox name `" + sandbox + "` (the part after `--`) must be 1 to " + md.maxSandboxLen + " letters or digits; type NAME--SANDBOX as in the sandbox's address, e.g. acme--uat");
    }
    if (partition === null && sandbox !== null) partition = "sandbox";
    else if (partition === "sandbox" && sandbox === null) {
      fail("`" + shown + "` is a sandbox address without a sandbox name: sandbox addresses look like acme--uat.sandbox.my.salesforce.com; type NAME--SANDBOX, e.g. acme--uat");
    } else if (partition !== null && sandbox !== null && partition !== "sandbox") {
      fail("`" + shown + "` names a sandbox (`--" + sandbox + "`) but is a " + partition + " address; " + hint);
    } else if (partition === null && sandbox === null && devEd) partition = "develop";
    var name = sandbox !== null ? base + "--" + sandbox : base;
    var prefix = partition !== null ? name + "." + partition : name;
    return {
      name: name, base: base, sandbox: sandbox, partition: partition,
      host: prefix + ".my.salesforce.com", lightning_host: prefix + ".lightning.force.com"
    };
  }

  function normaliseMyDomain(rules, input) {
    var md = rules.myDomain, typed = trim(input);
    if (!typed) return err("no value given; " + md.hint);
    var shown = shownOf(typed);
    try {
      var host = extractHost(md, typed, shown);
      var split = splitHost(md, host, shown);
      return ok(buildDomain(md, split[0], split[1], split[2], shown));
    } catch (e) {
      if (e instanceof Fail) return err(e.message);
      throw e;
    }
  }

  // inputs::my_domain_facets
  function myDomainFacets(d) {
    return {
      host: d.host, url: "https://" + d.host, sandbox: String(d.sandbox !== null),
      sandbox_name: d.sandbox || "", lightning_host: d.lightning_host
    };
  }

  function ok(value) { return { ok: true, value: value }; }
  function err(message) { return { ok: false, error: message }; }

  // inputs::validate_value
  function validate(rules, kind, options, value) {
    switch (kind) {
      case "my-domain": {
        var d = normaliseMyDomain(rules, value);
        return d.ok ? ok(d.value.name) : d;
      }
      case "boolean": return validateBoolean(value);
      case "email": return validateEmail(value);
      case "choice": return validateChoice(rules, options || [], value);
      default: return validateText(value);
    }
  }

  // render::escape::url_value
  function urlValue(s, trusted) {
    var lower = asciiLower(s);
    var structured = trusted && (lower.indexOf("https://") === 0 || lower.indexOf("http://") === 0 || s.indexOf(":") < 0);
    var bytes = new TextEncoder().encode(s), out = "";
    for (var i = 0; i < bytes.length; i++) {
      var ch = String.fromCharCode(bytes[i]);
      var keep = /[A-Za-z0-9\-._~]/.test(ch) || (structured && "/:?#@!$&'*+,;=%".indexOf(ch) >= 0);
      out += keep ? ch : "%" + (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16).toUpperCase();
    }
    return out;
  }
  // render::escape::safe_href
  function safeHref(url) {
    var colon = url.indexOf(":");
    if (colon < 0) return url;
    var before = url.slice(0, colon);
    if (/[/?#]/.test(before)) return url;
    var scheme = asciiLower(chars(before).filter(function (c) { return !/[\t\n\f\r ]/.test(c) && !isControl(c); }).join(""));
    var isScheme = /^[A-Za-z0-9+\-.]*$/.test(scheme);
    return !isScheme || ["http", "https", "mailto", "tel"].indexOf(scheme) >= 0 ? url : "#";
  }
  var TOKEN = /\u2039([^\u203a]*)\u203a/g;
  // A link target template (`data-gs-href`, tokens as ‹key›) with values in.
  function fillHref(rules, template, values) {
    var url = template.replace(TOKEN, function (whole, key) {
      var facet = key.indexOf(".") >= 0 ? key.slice(key.indexOf(".") + 1) : null;
      var has = Object.prototype.hasOwnProperty.call(values, key);
      return has ? urlValue(values[key], rules.urlFacets.indexOf(facet) >= 0) : urlValue(whole, false);
    });
    return safeHref(url);
  }

  // The values of a guide: inputs (normalised, with facets) and non-secret
  // records, from what the reader typed. Returns {values, messages}.
  function resolve(rules, guide, typed) {
    var values = {}, messages = {};
    guide.inputs.forEach(function (input) {
      var raw = typed[input.id];
      var given = typeof raw === "string" && trim(raw) !== "";
      var text = given ? raw : input.default;
      if (text === undefined || text === null) return;
      if (input.kind === "my-domain") {
        var d = normaliseMyDomain(rules, text);
        if (d.ok) {
          var f = myDomainFacets(d.value);
          values[input.id] = d.value.name;
          Object.keys(f).forEach(function (k) { values[input.id + "." + k] = f[k]; });
          messages[input.id] = given ? { ok: true, text: "\u2713 " + d.value.host } : null;
        } else if (given) messages[input.id] = { ok: false, text: d.error };
        return;
      }
      var r = validate(rules, input.kind, input.options, text);
      if (r.ok) {
        values[input.id] = r.value;
        messages[input.id] = given && r.value !== raw ? { ok: true, text: "\u2713 " + r.value } : null;
      } else if (given) messages[input.id] = { ok: false, text: r.error };
    });
    guide.records.forEach(function (rec) {
      var raw = typed[rec.id];
      if (rec.secret || typeof raw !== "string" || trim(raw) === "") return;
      if (validateText(raw).ok) values[rec.id] = raw;
    });
    return { values: values, messages: messages };
  }

  // `when:` conditions, as src/model/condition.rs reads them: `name`,
  // `name.facet`, `not name`, `name == "v"`, `name != "v"`. Returns null when
  // the value is not known yet (the part stays shown, as on the public site).
  function holds(expr, values) {
    var m = /^\s*([A-Za-z0-9_.-]+)\s*(==|!=)\s*"(.*)"\s*$/.exec(expr);
    if (m) {
      if (!Object.prototype.hasOwnProperty.call(values, m[1])) return null;
      return (values[m[1]] === m[3]) === (m[2] === "==");
    }
    m = /^\s*(not\s+)?([A-Za-z0-9_.-]+)\s*$/.exec(expr);
    if (!m || !Object.prototype.hasOwnProperty.call(values, m[2])) return null;
    var truthy = ["true", "yes"].indexOf(trim(values[m[2]]).toLowerCase()) >= 0;
    return truthy !== !!m[1];
  }

  function isShown(el) {
    for (var e = el; e; e = e.parentElement) if (e.hidden) return false;
    return true;
  }

  // Hide the parts whose condition is false for the reader's values, and
  // number the steps that are left as the command line would.
  function applyConditions(doc, values) {
    each(doc, "[data-when]", function (el) { el.hidden = holds(el.getAttribute("data-when"), values) === false; });
    var n = 0, numbers = {};
    each(doc, ".gs-step[data-step], .gs-check-step[data-step]", function (el) {
      if (!isShown(el)) return;
      n += 1;
      numbers[el.id] = n;
      var num = el.querySelector(".gs-step-number");
      if (num) num.textContent = el.classList.contains("gs-check-step") ? n + "." : "Step " + n;
    });
    each(doc, "#gs-toc li", function (li) {
      var a = li.querySelector("a"), id = a ? a.getAttribute("href").slice(1) : "";
      li.hidden = !numbers[id];
      if (numbers[id]) li.value = numbers[id];
    });
    doc.dispatchEvent(new doc.defaultView.Event("gs-visibility"));
  }

  // ---------------------------------------------------------------------
  // The page.

  function store(win, prefix) {
    function get(name, fallback) {
      try {
        var v = win.localStorage.getItem(prefix + name);
        return v ? JSON.parse(v) : fallback;
      } catch (e) { return fallback; }
    }
    function set(name, value) {
      try { win.localStorage.setItem(prefix + name, JSON.stringify(value)); } catch (e) { /* storage off */ }
    }
    function remove(name) {
      try { win.localStorage.removeItem(prefix + name); } catch (e) { /* storage off */ }
    }
    return { get: get, set: set, remove: remove };
  }

  function each(doc, selector, f) { Array.prototype.forEach.call(doc.querySelectorAll(selector), f); }

  function guidePage(win, doc, rules, guide, st) {
    var typed = st.get("values", {});
    var secret = {};
    guide.records.forEach(function (r) { if (r.secret) { secret[r.id] = true; delete typed[r.id]; } });
    var known = {};
    guide.inputs.forEach(function (i) { known[i.id] = true; });
    guide.records.forEach(function (r) { if (!r.secret) known[r.id] = true; });
    var params = new win.URLSearchParams(win.location.search);
    params.forEach(function (v, k) { if (known[k]) typed[k] = v; });
    st.set("values", typed);
    var baseTitle = doc.title;

    function apply() {
      var res = resolve(rules, guide, typed);
      each(doc, ".gs-ph[data-ph]", function (el) {
        var key = el.getAttribute("data-ph");
        var has = Object.prototype.hasOwnProperty.call(res.values, key);
        el.textContent = has ? res.values[key] : "\u2039" + key + "\u203a";
        el.classList.toggle("gs-filled", has);
      });
      each(doc, "a[data-gs-href]", function (a) {
        a.setAttribute("href", fillHref(rules, a.getAttribute("data-gs-href"), res.values));
      });
      applyConditions(doc, res.values);
      each(doc, ".gs-breadcrumbs [aria-current]", function (el) {
        if (!el.hasAttribute("data-gs-text")) el.setAttribute("data-gs-text", el.textContent);
        el.textContent = el.getAttribute("data-gs-text").replace(TOKEN, function (whole, key) {
          return Object.prototype.hasOwnProperty.call(res.values, key) ? res.values[key] : whole;
        });
      });
      doc.title = baseTitle.replace(TOKEN, function (whole, key) {
        return Object.prototype.hasOwnProperty.call(res.values, key) ? res.values[key] : whole;
      });
      guide.inputs.forEach(function (input) {
        var msg = doc.getElementById("gs-msg-" + input.id), field = doc.getElementById("gs-in-" + input.id);
        var m = res.messages[input.id];
        if (msg) {
          msg.textContent = m ? m.text : "";
          msg.className = "gs-msg" + (m ? (m.ok ? " gs-ok" : " gs-error") : "");
        }
        if (field) field.setAttribute("aria-invalid", m && !m.ok ? "true" : "false");
      });
      each(doc, ".gs-record[data-record]", function (p) {
        var id = p.getAttribute("data-record"), blank = p.querySelector(".gs-blank, .gs-value");
        if (!blank || secret[id]) return;
        var has = Object.prototype.hasOwnProperty.call(res.values, id);
        blank.className = has ? "gs-value" : "gs-blank";
        blank.textContent = has ? res.values[id] : "";
      });
    }

    guide.inputs.forEach(function (input) {
      var field = doc.getElementById("gs-in-" + input.id);
      if (!field) return;
      field.value = typed[input.id] || "";
      var onInput = function () {
        typed[input.id] = field.value;
        if (field.value === "") delete typed[input.id];
        st.set("values", typed);
        apply();
      };
      field.addEventListener("input", onInput);
      field.addEventListener("change", onInput);
    });
    each(doc, "input[data-record]", function (field) {
      var id = field.getAttribute("data-record");
      if (secret[id]) { field.remove(); return; }
      field.value = typed[id] || "";
      field.addEventListener("input", function () {
        typed[id] = field.value;
        if (field.value === "") delete typed[id];
        st.set("values", typed);
        each(doc, "input[data-record]", function (other) {
          if (other !== field && other.getAttribute("data-record") === id) other.value = field.value;
        });
        apply();
      });
    });
    var clear = doc.getElementById("gs-clear");
    if (clear) {
      clear.addEventListener("click", function () {
        Object.keys(typed).forEach(function (k) { delete typed[k]; });
        st.remove("values");
        each(doc, "#gs-form input, #gs-form select, input[data-record]", function (f) { f.value = ""; });
        apply();
      });
    }
    apply();
  }

  function progress(doc, guide, st) {
    var key = "progress:" + guide.id;
    var saved = st.get(key, {}), ticks = {};
    // Ticks survive a rebuild by step id; a step that is gone loses its tick.
    guide.steps.forEach(function (id) { if (saved[id] === true) ticks[id] = true; });
    st.set(key, ticks);
    // Steps hidden by a condition for this reader's values do not count.
    function shownSteps() {
      return guide.steps.filter(function (id) {
        var q = doc.defaultView.CSS && doc.defaultView.CSS.escape ? doc.defaultView.CSS.escape(id) : id;
        var el = doc.querySelector(".gs-step[data-step=\"" + q + "\"], .gs-check-step[data-step=\"" + q + "\"]");
        return !el || isShown(el);
      });
    }
    function apply() {
      var steps = shownSteps();
      var done = steps.filter(function (id) { return ticks[id]; }).length;
      var bar = doc.getElementById("gs-progress"), text = doc.getElementById("gs-progress-text");
      if (bar) { bar.value = done; bar.max = steps.length; bar.textContent = done + "/" + steps.length; }
      if (text) text.textContent = done + " of " + steps.length + " steps done";
      each(doc, "[data-step]", function (el) {
        var on = !!ticks[el.getAttribute("data-step")];
        if (el.tagName === "INPUT") el.checked = on;
        else {
          el.classList.toggle("gs-is-done", on);
          var box = el.querySelector(".gs-box");
          if (box) box.classList.toggle("gs-ticked", on);
        }
      });
    }
    each(doc, "input[type=checkbox][data-step]", function (box) {
      box.addEventListener("change", function () {
        var id = box.getAttribute("data-step");
        if (box.checked) ticks[id] = true; else delete ticks[id];
        st.set(key, ticks);
        apply();
      });
    });
    doc.addEventListener("gs-visibility", apply);
    var reset = doc.getElementById("gs-reset");
    if (reset) {
      reset.addEventListener("click", function () {
        Object.keys(ticks).forEach(function (k) { delete ticks[k]; });
        st.set(key, ticks);
        apply();
      });
    }
    apply();
  }

  function themeToggle(win, doc) {
    var button = doc.getElementById("gs-theme");
    if (!button) return;
    var html = doc.documentElement, order = ["auto", "light", "dark"];
    function current() { return html.getAttribute("data-theme") || "auto"; }
    function show() {
      button.textContent = "Theme: " + current();
      button.setAttribute("aria-label", "Colour theme: " + (current() === "auto" ? "automatic" : current()) + ". Change");
    }
    button.addEventListener("click", function () {
      var next = order[(order.indexOf(current()) + 1) % order.length];
      if (next === "auto") html.removeAttribute("data-theme"); else html.setAttribute("data-theme", next);
      try {
        if (next === "auto") win.localStorage.removeItem("guidesmith:theme");
        else win.localStorage.setItem("guidesmith:theme", next);
      } catch (e) { /* storage off */ }
      show();
    });
    show();
  }

  // Search over titles, steps and UI labels (assets/search-index.js).
  function search(win, doc, rootPath) {
    var form = doc.getElementById("gs-search-form"), input = doc.getElementById("gs-search");
    var list = doc.getElementById("gs-search-results"), index = win.GUIDESMITH_SEARCH;
    if (!form || !input || !list || !index) return;
    function hits(q) {
      var terms = q.toLowerCase().split(/\s+/).filter(Boolean);
      if (!terms.length) return [];
      return index.map(function (e) {
        var title = e.title.toLowerCase(), labels = e.labels.join(" ").toLowerCase();
        var hay = title + " " + e.context.toLowerCase() + " " + labels;
        if (!terms.every(function (t) { return hay.indexOf(t) >= 0; })) return null;
        var score = terms.reduce(function (s, t) {
          return s + (title.indexOf(t) >= 0 ? 3 : 0) + (labels.indexOf(t) >= 0 ? 2 : 0);
        }, 0);
        return { e: e, score: score };
      }).filter(Boolean).sort(function (a, b) { return b.score - a.score; }).slice(0, 8);
    }
    function show() {
      list.textContent = "";
      hits(input.value).forEach(function (h) {
        var li = doc.createElement("li"), a = doc.createElement("a"), small = doc.createElement("small");
        a.href = rootPath + h.e.href;
        a.textContent = h.e.title;
        small.textContent = h.e.context + (h.e.labels.length ? " · " + h.e.labels.join(", ") : "");
        li.appendChild(a);
        li.appendChild(small);
        list.appendChild(li);
      });
      if (input.value.trim() && !list.firstChild) {
        var li = doc.createElement("li");
        li.textContent = "No results";
        list.appendChild(li);
      }
    }
    input.addEventListener("input", show);
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { input.value = ""; show(); }
    });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var first = list.querySelector("a");
      if (first) win.location.href = first.href;
    });
  }

  function copyButtons(win, doc) {
    if (!win.navigator.clipboard) return;
    each(doc, "pre.gs-code", function (pre) {
      var button = doc.createElement("button");
      button.type = "button";
      button.className = "gs-copy gs-button";
      button.textContent = "Copy";
      button.addEventListener("click", function () {
        var code = pre.querySelector("code");
        win.navigator.clipboard.writeText((code || pre).textContent).then(function () {
          button.textContent = "Copied";
          win.setTimeout(function () { button.textContent = "Copy"; }, 1500);
        });
      });
      pre.appendChild(button);
    });
  }

  function start(win) {
    var doc = win.document;
    if (!doc) return;
    var html = doc.documentElement;
    html.classList.remove("gs-nojs");
    html.classList.add("gs-js");
    copyButtons(win, doc);
    if (!html.hasAttribute("data-gs-site")) return; // a standalone page
    var st = store(win, "guidesmith:" + html.getAttribute("data-gs-site") + ":");
    themeToggle(win, doc);
    search(win, doc, html.getAttribute("data-gs-root") || "");
    var data = doc.getElementById("gs-guide-data");
    var rules = win.GUIDESMITH_RULES;
    if (!data || !rules) return;
    var guide = JSON.parse(data.textContent);
    guidePage(win, doc, rules, guide, st);
    progress(doc, guide, st);
    var printChecklist = doc.getElementById("gs-print-checklist"), link = doc.getElementById("gs-checklist-link");
    if (printChecklist && link) {
      printChecklist.addEventListener("click", function () { win.location.href = link.getAttribute("href") + "?print=1"; });
    }
    var printButton = doc.getElementById("gs-print");
    if (printButton) printButton.addEventListener("click", function () { win.print(); });
    if (printButton && /[?&]print=1/.test(win.location.search)) win.setTimeout(function () { win.print(); }, 100);
  }

  return {
    validate: validate,
    normaliseMyDomain: normaliseMyDomain,
    myDomainFacets: myDomainFacets,
    validateText: validateText,
    resolve: resolve,
    urlValue: urlValue,
    safeHref: safeHref,
    fillHref: fillHref,
    jaroWinkler: jaroWinkler,
    start: start
  };
});
