/* weibao site: the question box and the search box of the first page.  Every text from the data or the question is
   put in the page with textContent, never as HTML. */
(function () {
  "use strict";
  var prepared = null;
  var units = {};
  var search = window.WEIBAO_SEARCH || { duties: [], rules: [], words: [], units: [], office: "" };

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) { Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); }); }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function names(list) { return (list || []).map(function (u) { return u.name; }).join("、"); }
  function unitLink(id, name) { return el("a", { href: "units/" + encodeURIComponent(id) + ".html" }, name); }
  function message(box, text, cls) { box.textContent = ""; box.appendChild(el("p", { "class": cls || "note" }, text)); }

  function transfer(unitId) {
    var u = units[unitId];
    if (u && u.phone) { return "转接：" + u.name + " 办公电话 " + u.phone; }
    return "转接：" + (u ? u.name : unitId) + " 未登记办公电话，请经" + (search.office || "办公室") + "转办";
  }

  function showAnswer(box, answer) {
    box.textContent = "";
    (answer.urgent || []).forEach(function (c) {
      var d = el("div", { "class": "urgent", role: "alert" });
      d.appendChild(el("p", { "class": "urgent-title" }, "紧急：" + c.name + (c.matched && c.matched.length ? "（问题中说到：" + c.matched.join("、") + "）" : "（问法与这类情形的例句相近，请接线人核实）")));
      if (c.action) { d.appendChild(el("p", null, "先做什么：" + c.action)); }
      d.appendChild(el("p", null, "依法负责：" + names(c.lead) + "牵头" + (c.support && c.support.length ? "；" + names(c.support) + "配合" : "")));
      d.appendChild(el("p", { "class": "meta" }, "依据：" + c.basis));
      box.appendChild(d);
    });
    var results = answer.results || [];
    if (!results.length) {
      box.appendChild(el("p", { "class": "note" }, "没有找到相关的职责。可以换个说法再问，或者直接联系" + (search.office || "办公室") + "。"));
      if (answer.note) { box.appendChild(el("p", { "class": "note" }, "注：" + answer.note)); }
      return;
    }
    var ol = el("ol", { "class": "answers" });
    results.forEach(function (r) {
      var li = el("li", { "class": "answer" + (r.urgent ? " is-urgent" : "") });
      var head = el("p", { "class": "answer-head" });
      if (r.office) {
        head.appendChild(el("strong", null, r.office.short_name || r.office.name));
        head.appendChild(document.createTextNode("（设在"));
        head.appendChild(unitLink(r.unit.id, r.unit.name));
        head.appendChild(document.createTextNode((r.office.host && r.office.host.division ? "，" + r.office.host.division + "承办日常工作" : "") + "）"));
      } else {
        var strong = el("strong");
        strong.appendChild(unitLink(r.unit.id, r.unit.name));
        head.appendChild(strong);
      }
      head.appendChild(el("span", { "class": "role role-" + r.role }, r.role_zh));
      if (r.urgent) { head.appendChild(el("span", { "class": "role role-urgent" }, "紧急情形依法负责")); }
      li.appendChild(head);
      var dl = el("ul", { "class": "why" });
      ((r.office && r.office.clauses) || []).forEach(function (c) {
        var item = el("li");
        item.appendChild(el("a", { href: "rules.html#" + encodeURIComponent(c.id), "class": "id" }, c.id));
        item.appendChild(document.createTextNode(" " + c.text + "（工作规则：" + c.title + "）"));
        dl.appendChild(item);
      });
      (r.duties || []).forEach(function (d) {
        var item = el("li");
        item.appendChild(el("a", { href: "units/" + encodeURIComponent(r.unit.id) + ".html#" + encodeURIComponent(d.id), "class": "id" }, d.id));
        item.appendChild(document.createTextNode(" " + d.text));
        dl.appendChild(item);
      });
      if (r.reference && r.reference.text) { dl.appendChild(el("li", { "class": "meta" }, "参考 " + r.reference.text)); }
      li.appendChild(dl);
      li.appendChild(el("p", { "class": "transfer" }, transfer(r.unit.id)));
      ol.appendChild(li);
    });
    box.appendChild(ol);
    if (answer.note) { box.appendChild(el("p", { "class": "note" }, "注：" + answer.note)); }
  }

  function ask(question) {
    var box = document.getElementById("who-result");
    try {
      if (!prepared) { prepared = WeibaoWho.load(window.WEIBAO_WHO_DATA); }
      var started = performance.now();
      var answer = WeibaoWho.ask(prepared, question, 5);  // checked and stripped as weibao who does, then ranked
      if (answer.error) { message(box, answer.error, "warn"); return; }
      showAnswer(box, answer);
      box.setAttribute("data-ms", String(Math.round(performance.now() - started)));
    } catch (err) {
      message(box, "查询出错了，请换个说法再试，或者联系办公室。", "warn");
      if (window.console) { console.warn(err); }
    }
  }

  function words(q) {
    var found = [q];
    search.words.forEach(function (w) {
      if (w[0].some(function (x) { return q.indexOf(x) >= 0 || x.indexOf(q) >= 0; })) { found = found.concat(w[1]); }
    });
    return found.filter(function (x, i) { return x && found.indexOf(x) === i; });
  }

  function find(q) {
    var box = document.getElementById("search-result");
    q = q.trim();
    if (!q) { message(box, "请输入要搜索的字词。", "warn"); return; }
    var terms = words(q);
    var hitsD = search.duties.filter(function (d) { return terms.some(function (t) { return d[3].indexOf(t) >= 0 || d[1].indexOf(t) >= 0; }); });
    var hitsR = search.rules.filter(function (r) { return terms.some(function (t) { return r[3].indexOf(t) >= 0 || r[2].indexOf(t) >= 0; }); });
    box.textContent = "";
    var said = terms.length > 1 ? "（含“" + terms.slice(1).join("”“") + "”）" : "";
    box.appendChild(el("p", { "class": "note" }, "找到 " + hitsD.length + " 条职责、" + hitsR.length + " 条规则" + said + "。"));
    var ul = el("ul", { "class": "why" });
    hitsR.slice(0, 50).forEach(function (r) {
      var li = el("li");
      li.appendChild(el("a", { href: "rules.html#" + encodeURIComponent(r[0]), "class": "id" }, r[0]));
      li.appendChild(document.createTextNode(" 工作规则：" + r[2] + "。" + r[3]));
      ul.appendChild(li);
    });
    hitsD.slice(0, 100).forEach(function (d) {
      var li = el("li");
      li.appendChild(el("a", { href: "units/" + encodeURIComponent(d[0]) + ".html#" + encodeURIComponent(d[2]), "class": "id" }, d[1]));
      li.appendChild(document.createTextNode("（" + d[4] + "）" + d[3]));
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }

  search.units.forEach(function (u) { units[u[0]] = { name: u[1], phone: u[2] }; });
  var form = document.getElementById("who-form");
  if (form) {
    form.addEventListener("submit", function (e) { e.preventDefault(); ask(document.getElementById("who-q").value); });
  }
  var sform = document.getElementById("search-form");
  if (sform) {
    sform.addEventListener("submit", function (e) { e.preventDefault(); find(document.getElementById("search-q").value); });
  }
  // the index is prepared once the page is shown (about 0.3 s), so the first question is answered at once
  function prepare() {
    try {
      if (!prepared && window.WEIBAO_WHO_DATA) { prepared = WeibaoWho.load(window.WEIBAO_WHO_DATA); }
      document.documentElement.setAttribute("data-who-ready", "1");
    } catch (err) {
      if (window.console) { console.warn(err); }
    }
  }
  if (form) {
    if (document.readyState === "complete") { setTimeout(prepare, 0); } else { window.addEventListener("load", function () { setTimeout(prepare, 0); }); }
  }
  var fromUrl = new URLSearchParams(window.location.search).get("q");
  if (fromUrl && form) { document.getElementById("who-q").value = fromUrl; ask(fromUrl); }
}());
