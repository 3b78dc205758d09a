/* 谁负责 in the browser: weibao.who.engine.rank ported to plain JavaScript (ES2019, no modules, no dependencies).
 *
 * The data is window.WEIBAO_WHO_DATA, written by weibao/site/whodata.py (data_script).  The ranking is the CLI's,
 * step for step: the same constants (taken from the data), the same order of floating-point operations, the same
 * tie-breaking (Python's sorts are stable; JavaScript's are too since ES2019), every natural logarithm as Python
 * computed it (shipped tables), and Python's string semantics where they matter (code points, str.find, str.strip).
 * tests/site/test_who_parity.py checks that every question of the development and holdout sets gets the same answer.
 *
 *   var idx = WeibaoWho.load(window.WEIBAO_WHO_DATA);
 *   var err = WeibaoWho.check(text);          // null, or a message to show (empty, too long)
 *   var answer = WeibaoWho.rank(idx, text, 3);  // shaped like `weibao who --format json`
 *   var answer = WeibaoWho.ask(idx, text, 3);   // check, strip as the CLI does, rank: {error} or the answer
 */
(function (root) {
  "use strict";

  // ---- Python string semantics -------------------------------------------------------------------------------
  var SURROGATE = /[\uD800-\uDFFF]/;
  var PY_SPACE = "\t\n\u000b\u000c\r\u001c\u001d\u001e\u001f \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004" +
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";

  function cpLen(s) {
    if (!SURROGATE.test(s)) return s.length;
    var n = 0;
    for (var _c of s) n++; // eslint-disable-line no-unused-vars
    return n;
  }

  function cmpStr(a, b) { // Python's order of str: by code point
    if (a === b) return 0;
    if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : 1;
    var x = Array.from(a), y = Array.from(b);
    for (var i = 0; i < x.length && i < y.length; i++) {
      if (x[i] !== y[i]) return x[i].codePointAt(0) < y[i].codePointAt(0) ? -1 : 1;
    }
    return x.length - y.length;
  }

  function pyStrip(s) {
    var a = 0, b = s.length;
    while (a < b && PY_SPACE.indexOf(s[a]) >= 0) a++;
    while (b > a && PY_SPACE.indexOf(s[b - 1]) >= 0) b--;
    return s.slice(a, b);
  }

  function pyReplace(s, old, rep) { // str.replace(old, rep), all occurrences
    if (old === "") return rep + Array.from(s).join(rep) + rep;
    return s.split(old).join(rep);
  }

  function contains(s, sub) { return s.indexOf(sub) >= 0; }

  // A text indexed by code points, as Python's str (fast when it has no astral characters).
  function PyText(s) {
    this.s = s;
    if (!SURROGATE.test(s)) { this.u2c = null; this.c2u = null; this.length = s.length; return; }
    var u2c = new Array(s.length + 1), c2u = [], u = 0, c = 0;
    for (var ch of s) { c2u.push(u); u2c[u] = c; if (ch.length === 2) u2c[u + 1] = c; u += ch.length; c++; }
    c2u.push(u); u2c[u] = c;
    this.u2c = u2c; this.c2u = c2u; this.length = c;
  }
  PyText.prototype.find = function (sub, start) { // str.find(sub, start), positions in code points
    start = start || 0;
    if (start > this.length) return -1;
    if (!this.u2c) return this.s.indexOf(sub, start);
    var at = this.s.indexOf(sub, this.c2u[start]);
    return at < 0 ? -1 : this.u2c[at];
  };
  PyText.prototype.rfind = function (sub, start, end) { // str.rfind(sub, start, end)
    if (!this.u2c) return this.s.slice(0, end).lastIndexOf(sub) >= start ? this.s.slice(0, end).lastIndexOf(sub) : -1;
    var at = this.s.slice(0, this.c2u[end]).lastIndexOf(sub);
    return at < 0 || this.u2c[at] < start ? -1 : this.u2c[at];
  };
  PyText.prototype.slice = function (a, b) {
    if (b === undefined) b = this.length;
    a = Math.max(0, Math.min(a, this.length)); b = Math.max(a, Math.min(b, this.length));
    return this.u2c ? this.s.slice(this.c2u[a], this.c2u[b]) : this.s.slice(a, b);
  };

  function normalize(text) { return text.normalize("NFKC").toLowerCase(); }

  var SPLIT = /[^0-9a-z\u3400-\u4dbf\u4e00-\u9fff]+/u;

  function segments(text) { return normalize(text).split(SPLIT).filter(Boolean); }

  // segments, bigrams and literal runs hold only BMP characters: UTF-16 indexing is Python's there
  function bigrams(seg) {
    if (seg.length === 1) return [seg];
    var out = [];
    for (var i = 0; i + 1 < seg.length; i++) out.push(seg.slice(i, i + 2));
    return out;
  }

  function counter(list, into) {
    var c = into || new Map();
    for (var i = 0; i < list.length; i++) c.set(list[i], (c.get(list[i]) || 0) + 1);
    return c;
  }

  function sortedBy(list, key) { // Python's sorted(list, key=key): stable, key may be a number or an array
    return list.map(function (x, i) { return [key(x), i, x]; }).sort(function (a, b) {
      return cmpKey(a[0], b[0]) || a[1] - b[1];
    }).map(function (t) { return t[2]; });
  }

  function cmpKey(a, b) {
    if (Array.isArray(a)) {
      for (var i = 0; i < a.length; i++) { var c = cmpKey(a[i], b[i]); if (c) return c; }
      return 0;
    }
    if (typeof a === "string") return cmpStr(a, b);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  // Python's f"{x:.4f}" read back as a float: the decimal nearest to x (a tie to the even last digit), as a double
  function fixed4(x) {
    var y = x * 10000, n = Math.round(y), frac = y - Math.floor(y);
    if (Math.abs(frac - 0.5) > 1e-6 && Math.abs(y) < 1e9) return n / 10000; // far from a tie: y's rounding is x's
    var s = x.toFixed(4); // exact (rounds a true tie up)
    if (Number.isInteger(x * 32) && x.toFixed(5).slice(-1) === "5" && Number(s.slice(-1)) % 2 === 1) {
      s = Number(x.toFixed(5).slice(0, -1)).toFixed(4); // a true tie (x a multiple of 1/32): to even, as Python
    }
    return Number(s);
  }

  // ---- the index -------------------------------------------------------------------------------------------
  var ALPHABET = (function () {
    var s = "";
    for (var c = 0x21; c < 0x7f; c++) { var ch = String.fromCharCode(c); if ('"\\<'.indexOf(ch) < 0) s += ch; }
    return s;
  })();

  function b91(text, nbytes) {
    var val = new Int16Array(128);
    for (var i = 0; i < ALPHABET.length; i++) val[ALPHABET.charCodeAt(i)] = i;
    var out = new Uint8Array(nbytes), acc = 0, nb = 0, o = 0;
    for (var j = 0; j + 1 < text.length && o < nbytes; j += 2) {
      acc = (acc << 13) | (val[text.charCodeAt(j)] * 91 + val[text.charCodeAt(j + 1)]);
      nb += 13;
      while (nb >= 8 && o < nbytes) { nb -= 8; out[o++] = (acc >> nb) & 255; }
      acc &= (1 << nb) - 1;
    }
    return out;
  }

  function unhuffman(h) {
    var n = h.n, out = new Int8Array(n);
    if (!n) return out;
    var lengths = h.lengths, maxLen = 0;
    lengths.forEach(function (p) { if (p[1] > maxLen) maxLen = p[1]; });
    var count = new Array(maxLen + 2).fill(0), first = new Array(maxLen + 2).fill(0), offset = new Array(maxLen + 2).fill(0);
    lengths.forEach(function (p) { count[p[1]]++; });
    var symbols = lengths.map(function (p) { return p[0]; }), code = 0, idx = 0;
    for (var len = 1; len <= maxLen; len++) {
      first[len] = code; offset[len] = idx;
      code = (code + count[len]) << 1; idx += count[len];
    }
    var data = b91(h.data, Math.ceil(h.data.length / 2 * 13 / 8)), bit = 0, total = data.length * 8;
    for (var k = 0; k < n; k++) {
      var c = 0, l = 0;
      for (;;) {
        c = (c << 1) | ((data[bit >> 3] >> (7 - (bit & 7))) & 1);
        bit++; l++;
        if (c - first[l] < count[l]) { out[k] = symbols[offset[l] + c - first[l]]; break; }
        if (l > maxLen || bit > total) throw new Error("who data: damaged weights");
      }
    }
    return out;
  }

  function sortedFluff(fluff) { // domain.text.sorted_fluff: normalised, unique, longest first, then by text
    var seen = new Set(fluff.map(normalize));
    return sortedBy(Array.from(seen), function (x) { return [-cpLen(x), x]; });
  }

  function stripFluff(text, fluff) {
    var t = normalize(text);
    for (var i = 0; i < fluff.length; i++) if (contains(t, fluff[i])) t = pyReplace(t, fluff[i], " ");
    return t;
  }

  function sameKey(text, asking) { return segments(stripFluff(text, asking)).join(""); }

  function modelGrams(stripped) { // classifier.grams, on a text already stripped of fluff
    var c = new Map(), NMAX = 3;
    segments(stripped).forEach(function (seg) {
      var w = " " + seg + " ";
      for (var n = 1; n <= NMAX; n++) {
        if (w.length <= n) { c.set(w, (c.get(w) || 0) + 1); break; }
        for (var i = 0; i + n <= w.length; i++) { var g = w.slice(i, i + n); c.set(g, (c.get(g) || 0) + 1); }
      }
    });
    return c;
  }

  function nnFeatures(stripped) { // examples.features, on a text already stripped of fluff
    var c = new Map();
    segments(stripped).forEach(function (seg) { counter(bigrams(seg), c); });
    return c;
  }

  function load(data) {
    var K = data.k, logs = data.logs;
    var X = { data: data, K: K, logs: logs, units: [], items: [], byUnitId: new Map() };
    X.fsum = data.compensated_sum ? neumaier : plainSum;
    X.units = data.units.map(function (u, ui) {
      var names = [u.name, u.heading].concat(u.aliases || []).filter(Boolean);
      var unit = { ui: ui, id: u.id, name: u.name, full_name: u.full_name, heading: u.heading, order: u.order,
        aliases: u.aliases || [], names: names };
      unit.duties = u.duties.map(function (d) { return { id: d[0], text: d[1], assignment: d[2] }; });
      X.byUnitId.set(u.id, ui);
      return unit;
    });
    // roles
    var rw = data.role_words;
    X.table = { lead: rw.lead, support: rw.support, exclude: rw.exclude };
    X.bracketTable = { lead: rw.lead.concat(data.bracket.lead), support: rw.support.concat(data.bracket.support), exclude: rw.exclude };
    X.units.forEach(function (unit) {
      unit.duties.forEach(function (d) {
        d.clauses = clausesOf(d.text, X.table);
        d.assigned = d.assignment ? assignedRole(d.assignment, X.bracketTable, unit.names) : null;
      });
    });
    // duty items: bigram counts and idf (index.build_index)
    var df = new Map(), total = 0;
    X.units.forEach(function (unit, ui) {
      unit.duties.forEach(function (d, di) {
        var grams = [];
        segments(d.text).forEach(function (seg) { grams = grams.concat(bigrams(seg)); });
        var tf = counter(grams);
        X.items.push({ u: ui, d: di, tf: tf, len: grams.length });
        total += grams.length;
        tf.forEach(function (_v, g) { df.set(g, (df.get(g) || 0) + 1); });
      });
    });
    X.idf = new Map();
    df.forEach(function (v, g) { X.idf.set(g, logs.pidf[v]); });
    X.avgdl = X.items.length ? total / X.items.length : 0.0;
    X.corpus = X.units.map(function (u) { return u.duties.map(function (d) { return d.text; }).join("\n"); })
      .filter(function (_t, i) { return X.units[i].duties.length; }).join("\n");
    X.phraseDf = new Map();
    // glossary
    var g = data.glossary;
    X.glossary = g;
    X.entries = g.entries.map(function (e, i) { return { i: i, words: e[0], terms: e[1], termKey: e[1].join("\u0000") }; });
    X.byWord = new Map();
    X.entries.forEach(function (e) { e.words.forEach(function (w) { var nw = normalize(w); if (!X.byWord.has(nw)) X.byWord.set(nw, e); }); });
    X.wordsByLength = sortedBy(Array.from(X.byWord.keys()), function (w) { return -cpLen(w); });
    X.fluffByLength = sortedBy(g.fluff.map(normalize), function (x) { return -cpLen(x); });
    X.markers = g.fluff.filter(function (f) { return contains(f, "谁") || contains(f, "哪"); }).map(normalize);
    X.fluff = sortedFluff(g.fluff);
    X.asking = X.fluff.filter(function (f) { return K.ASKING.some(function (m) { return contains(f, m); }); });
    X.asker = (g.asker || []).map(normalize);
    X.deflect = (g.deflect || []).map(normalize);
    X.child = (g.child_words || []).map(normalize);
    X.urgentWords = (g.urgent || []).map(function (c) {
      return c.words.map(function (w) { return w.split("\u2026").map(normalize); });
    });
    X.officeCues = (g.office || []).map(function (c) {
      return { words: c.words, parts: c.words.map(function (w) { return w.split("\u2026").map(normalize); }), clauses: c.clauses };
    });
    X.unitKeys = X.units.map(function (u) { return unitKeys(X, u); });
    // answered questions
    var strippedCache = new Map();
    X.strip = function (t) {
      var s = strippedCache.get(t);
      if (s === undefined) { s = stripFluff(t, X.fluff); strippedCache.set(t, s); }
      return s;
    };
    X.examples = data.examples.map(function (e) {
      var lead = e.slice(1).map(function (ui) { return X.units[ui].id; });
      return { q: e[0], lead: lead, key: sameKey(e[0], X.asking) };
    });
    X.neighbours = data.neighbours ? buildNeighbours(X, data.neighbours) : null;
    X.models = {};
    ["classifier", "urgent_model"].forEach(function (key) {
      X.gramCache = key === "classifier" ? new Map() : X.gramCache; // the two models share the answered questions
      X.models[key] = data[key] ? loadModel(X, data[key]) : null;
    });
    X.gramCache = null;
    X.clauseSplit = K.CLAUSE_SPLIT;
    X.matterSplit = new RegExp(K.MATTER_SPLIT, "u");
    return X;
  }

  function plainSum(xs) { var s = 0; for (var i = 0; i < xs.length; i++) s += xs[i]; return s; }

  function neumaier(xs) { // CPython 3.12+ sum() of floats
    if (!xs.length) return 0;
    var f = xs[0], c = 0.0;
    for (var i = 1; i < xs.length; i++) {
      var x = xs[i], t = f + x;
      if (Math.abs(f) >= Math.abs(x)) c += (f - t) + x; else c += (x - t) + f;
      f = t;
    }
    if (c && Number.isFinite(c)) f += c;
    return f;
  }

  function logCount(X, c) { return c <= X.logs.count.length ? X.logs.count[c - 1] : Math.log(c); }

  function buildNeighbours(X, nn) { // examples.build
    var feats = X.examples.map(function (e) { return nnFeatures(X.strip(e.q)); });
    var df = new Map();
    feats.forEach(function (f) { f.forEach(function (_c, g) { df.set(g, (df.get(g) || 0) + 1); }); });
    var idf = new Map(), table = new Map();
    df.forEach(function (v, g) { idf.set(g, nn.idf[String(v)]); });
    feats.forEach(function (f, i) {
      var vec = [];
      f.forEach(function (c, g) { vec.push([g, (1 + logCount(X, c)) * idf.get(g)]); });
      var norm = Math.sqrt(X.fsum(vec.map(function (p) { return p[1] * p[1]; }))) || 1.0;
      vec.forEach(function (p) {
        var row = table.get(p[0]);
        if (!row) { row = { idf: fixed4(idf.get(p[0])), ids: [], ws: [] }; table.set(p[0], row); }
        row.ids.push(i); row.ws.push(fixed4(p[1] / norm));
      });
    });
    return { n: nn.n, unseen: nn.unseen, table: table };
  }

  function loadModel(X, m) {
    var grams, idf;
    if (m.grams) {
      grams = m.grams;
    } else { // the n-grams of the training texts seen at least MIN_DF times, numbered as learn_model numbers them
      var texts = [];
      m.from.forEach(function (r) {
        if (r === "examples") X.examples.forEach(function (e) { texts.push(e.q); });
        else if (r === "duties") X.units.forEach(function (u) { u.duties.forEach(function (d) { texts.push(d.text); }); });
        else if (r === "urgent_examples") (X.glossary.urgent || []).forEach(function (c) { (c.examples || []).forEach(function (t) { texts.push(t); }); });
        else if (r === "calm_examples") (X.glossary.calm_examples || []).forEach(function (t) { texts.push(t); });
      });
      var cache = X.gramCache || new Map(), df = new Map();
      texts.forEach(function (t) {
        var f = cache.get(t);
        if (!f) { f = modelGrams(X.strip(t)); cache.set(t, f); }
        f.forEach(function (_c, g) { df.set(g, (df.get(g) || 0) + 1); });
      });
      var keep = b91(m.keep, Math.ceil(m.keep.length / 2 * 13 / 8)), j = 0;
      grams = [];
      df.forEach(function (v, g) {
        if (v >= X.K.MIN_DF) {
          if ((keep[j >> 3] >> (7 - (j & 7))) & 1) grams.push(g);
          j++;
        }
      });
      if (m.idf_df) idf = grams.map(function (g) { return m.idf_df[String(df.get(g))]; });
    }
    if (!idf) {
      var bytes = b91(m.idf, grams.length * 2);
      idf = [];
      for (var i = 0; i < grams.length; i++) idf.push(bytes[2 * i] | (bytes[2 * i + 1] << 8));
    }
    if (grams.length !== m.rows) throw new Error("who data: the model's n-grams do not match");
    var rows = new Map();
    grams.forEach(function (g, r) { rows.set(g, r); });
    return { classes: m.classes, scale: m.scale, bias: m.bias, k: m.k, rows: rows, idf: idf, w: unhuffman(m.w) };
  }

  // ---- roles (domain/roles.py) -------------------------------------------------------------------------------
  function clausesOf(text, table) {
    var masked = text;
    sortedBy(table.exclude, function (x) { return -cpLen(x); }).forEach(function (ex) {
      masked = pyReplace(masked, ex, "\u0000".repeat(ex.length));
    });
    var out = [], start = 0, END = "，；。：！？,;:!?\n";
    var m2 = masked + "\n";
    for (var i = 0; i < m2.length; i++) {
      if (END.indexOf(m2[i]) < 0 && i < masked.length) continue;
      if (i > start && stripChars(masked.slice(start, i), "\u0000 \u3000")) out.push(clauseRole(masked, start, i, table));
      start = i + 1;
    }
    if (!out.length) out.push({ start: 0, end: text.length, role: "lead", word: null });
    return out;
  }

  function stripChars(s, chars) {
    var a = 0, b = s.length;
    while (a < b && chars.indexOf(s[a]) >= 0) a++;
    while (b > a && chars.indexOf(s[b - 1]) >= 0) b--;
    return s.slice(a, b);
  }

  function clauseRole(masked, start, end, table) {
    var part = masked.slice(start, end), best = null;
    [["lead", table.lead], ["support", table.support]].forEach(function (rv) {
      rv[1].forEach(function (w) {
        if (w && contains(part, w)) {
          var hit = [part.indexOf(w), -cpLen(w), rv[0], w];
          if (!best || cmpKey(hit, best) < 0) best = hit;
        }
      });
    });
    if (!best) return { start: start, end: end, role: "lead", word: null };
    return { start: start, end: end, role: best[2], word: best[3] };
  }

  function assignedRole(assignment, table, names) {
    var cl = clausesOf(assignment, table);
    for (var i = 0; i < cl.length; i++) {
      var part = assignment.slice(cl[i].start, cl[i].end);
      if (names.some(function (n) { return contains(part, n); })) return [cl[i].role, cl[i].word];
    }
    return null;
  }

  function phraseRole(duty, phrase) {
    var pos = duty.text.indexOf(phrase);
    if (pos < 0) return [null, null];
    if (duty.assignment && duty.assigned) return duty.assigned;
    for (var i = 0; i < duty.clauses.length; i++) {
      var c = duty.clauses[i];
      if (c.start <= pos && pos <= c.end) return [c.role, c.word];
    }
    return ["lead", null];
  }

  // ---- analyse -----------------------------------------------------------------------------------------------
  function analyse(X, question) {
    var K = X.K, q = normalize(question);
    var query = { text: question, cleaned: q, fired: [], expansions: [], literals: [], focus: "", weights: new Map(),
      similar: [], same: [], urgent: [], office: [] };
    var taken = new Uint8Array(q.length), found = new Set();
    X.wordsByLength.forEach(function (w) {
      var e = X.byWord.get(w), start = q.indexOf(w);
      while (start >= 0) {
        var free = true;
        for (var i = start; i < start + w.length; i++) if (taken[i]) { free = false; break; }
        if (free) {
          for (var j = start; j < start + w.length; j++) taken[j] = 1;
          if (!found.has(e)) {
            found.add(e);
            query.fired.push({ words: [w], terms: e.terms.slice(), termKey: e.termKey });
          } else {
            query.fired.find(function (f) { return f.termKey === e.termKey; }).words.push(w);
          }
        }
        start = w === "" ? -1 : q.indexOf(w, start + 1);
      }
    });
    var queue = [];
    query.fired.forEach(function (f) { queue = queue.concat(f.terms); });
    while (queue.length) {
      var t = queue.shift();
      if (query.expansions.indexOf(t) >= 0) continue;
      query.expansions.push(t);
      var nt = normalize(t);
      if (X.byWord.has(nt)) X.byWord.get(nt).terms.forEach(function (x) { if (query.expansions.indexOf(x) < 0) queue.push(x); });
    }
    var keep = new Uint8Array(q.length);
    query.fired.forEach(function (f) {
      f.words.forEach(function (w) {
        if (contains(X.corpus, w)) {
          var start = q.indexOf(w);
          while (start >= 0) {
            for (var i = start; i < start + w.length; i++) keep[i] = 1;
            start = w === "" ? -1 : q.indexOf(w, start + 1);
          }
        }
      });
    });
    var rest = "", u = 0;
    for (var ch of q) { rest += taken[u] && !keep[u] ? " " : ch; u += ch.length; }
    X.fluffByLength.forEach(function (phrase) { rest = pyReplace(rest, phrase, " "); });
    for (var fc of K.FUNCTION_CHARS) rest = pyReplace(rest, fc, " ");
    query.cleaned = rest;
    query.focus = focusClause(X, q);
    var firedWords = [];
    query.fired.forEach(function (f) { firedWords = firedWords.concat(f.words); });
    segments(rest).forEach(function (seg) {
      bigrams(seg).forEach(function (g) { query.weights.set(g, (query.weights.get(g) || 0.0) + 1.0); });
      literalRuns(seg, X.corpus).forEach(function (r) {
        if (!firedWords.some(function (w) { return contains(w, r); })) query.literals.push(r);
      });
    });
    query.expansions.forEach(function (t) {
      segments(t).forEach(function (seg) {
        bigrams(seg).forEach(function (g) { query.weights.set(g, (query.weights.get(g) || 0.0) + 1.0); });
      });
    });
    return query;
  }

  function focusClause(X, q) {
    var clauses = [], cur = "";
    for (var ch of q) {
      if (X.clauseSplit.indexOf(ch) >= 0) { clauses.push(cur); cur = ""; } else cur += ch;
    }
    clauses.push(cur);
    var asking = clauses.filter(function (c) { return X.markers.some(function (m) { return contains(c, m); }); });
    return asking.length ? asking[asking.length - 1] : "";
  }

  // The greedy longest pieces (2+ characters) of the segment found in the duty texts.  A piece found means every
  // shorter piece from the same start is found too, so the longest one is searched by bisection, not one by one.
  function literalRuns(seg, corpus) {
    var out = [], i = 0;
    while (i < seg.length - 1) {
      var lo = i + 1, hi = seg.length; // the longest j with seg[i:j] in corpus, lo when there is none (j > i + 1)
      while (lo < hi) {
        var mid = (lo + hi + 1) >> 1;
        if (contains(corpus, seg.slice(i, mid))) lo = mid; else hi = mid - 1;
      }
      if (lo > i + 1) { out.push(seg.slice(i, lo)); i = lo; } else i += 1;
    }
    return out;
  }

  function phraseDf(X, phrase) {
    var df = X.phraseDf.get(phrase);
    if (df === undefined) {
      df = 0;
      X.units.forEach(function (u) { u.duties.forEach(function (d) { if (contains(d.text, phrase)) df++; }); });
      X.phraseDf.set(phrase, df);
    }
    return df;
  }

  function concepts(X, query) {
    var K = X.K, out = [];
    query.fired.forEach(function (f) {
      var terms = Array.from(new Set(f.terms));
      var present = terms.map(function (t) { return phraseDf(X, t); }).filter(function (df) { return df > 0; });
      if (present.length) {
        var focus = f.words.some(function (w) { return contains(query.focus, w); }) ? K.FOCUS : 1.0;
        var best = Math.max.apply(null, present); // the smallest idf: the largest document frequency
        out.push([terms, focus * X.logs.pidf_sq[best]]);
      }
    });
    Array.from(new Set(query.literals)).forEach(function (x) {
      if (x.length >= K.LITERAL_MIN) {
        var w = X.logs.pidf_sq[phraseDf(X, x)] * (contains(query.focus, x) ? K.FOCUS : 1.0);
        var third = x.length - 3 < X.logs.third.length ? X.logs.third[x.length - 3] : Math.log(x.length / 3);
        out.push([[x], w * (x.length === 2 ? K.SHORT_LITERAL : 1.0 + K.LITERAL_LENGTH * third)]);
      }
    });
    return out;
  }

  function clauseFactor(K, role, word) {
    if (word !== null && Object.prototype.hasOwnProperty.call(K.SHARED_LEAD, word)) return K.SHARED_LEAD[word];
    if (role === "lead" && word === null) return K.OWN_DUTY;
    var r = role || "lead";
    return Object.prototype.hasOwnProperty.call(K.CLAUSE_ROLE_FACTOR, r) ? K.CLAUSE_ROLE_FACTOR[r] : K.OWN_DUTY;
  }

  function scoreItems(X, query) {
    var K = X.K, avgdl = X.avgdl || 1.0, cons = concepts(X, query), hits = [], weights = Array.from(query.weights);
    X.items.forEach(function (it) {
      var tf = it.tf, norm = K.K1 * (1 - K.B + K.B * it.len / avgdl), s = 0.0;
      for (var i = 0; i < weights.length; i++) {
        var f = tf.get(weights[i][0]);
        if (f) s += K.BM25_WEIGHT * weights[i][1] * X.idf.get(weights[i][0]) * f * (K.K1 + 1) / (f + norm);
      }
      var matched = [], roles = [], per = new Map();
      if (cons.length) {
        var duty = X.units[it.u].duties[it.d], text = duty.text;
        cons.forEach(function (c, ci) {
          var phrases = c[0], found = phrases.filter(function (p) { return contains(text, p); });
          if (found.length) {
            var rw = phraseRole(duty, found[0]);
            var primary = found[0] === phrases[0] ? 1.0 : K.SECONDARY_TERM;
            var v = c[1] * primary * clauseFactor(K, rw[0], rw[1]);
            per.set(ci, v);
            s += v;
            matched = matched.concat(found);
            roles.push(rw[0]);
          }
        });
      }
      if (s > 0) hits.push({ unit: it.u, duty: it.d, score: s, phrases: matched, roles: roles, concepts: per });
    });
    return hits;
  }

  function result(unit, score, role, items, ui, textScore) {
    return { unit: unit, score: score, role: role, items: items, ui: ui, text_score: textScore || 0.0, vote: 0.0,
      examples: [], urgent: null, office: [] };
  }

  function byScore(a, b) { return (b.score - a.score) || (a.unit.order - b.unit.order); }

  function sortResults(results) { // sorted(key=(-score, order)), stable
    return results.map(function (r, i) { return [r, i]; }).sort(function (a, b) {
      return byScore(a[0], b[0]) || a[1] - b[1];
    }).map(function (p) { return p[0]; });
  }

  function rankRaw(X, question, top, matters) {
    var K = X.K, query = analyse(X, question), queryNorm = normalize(question);
    var mentions = mentionFactors(X, queryNorm), perUnit = new Map();
    scoreItems(X, query).forEach(function (h) {
      if (!perUnit.has(h.unit)) perUnit.set(h.unit, []);
      perUnit.get(h.unit).push(h);
    });
    var results = [];
    perUnit.forEach(function (hits, ui) {
      hits = sortedBy(hits, function (h) { return -h.score; });
      perUnit.set(ui, hits);
      var s = hits[0].score;
      s += K.SECOND * (hits.length > 1 ? hits[1].score : 0) + K.THIRD * (hits.length > 2 ? hits[2].score : 0);
      var unit = X.units[ui];
      s *= mentions.has(ui) ? mentions.get(ui) : 1.0;
      var shown = hits.filter(function (h) { return h.score >= K.ITEM_SHOW * hits[0].score; }).slice(0, 3);
      results.push(result(unit, s, unitRole(shown[0]), shown, ui, s));
    });
    results = sortResults(results);
    if (results.length) {
      var best = results[0].score;
      results = results.filter(function (r) { return r.score >= K.MIN_RELATIVE * best; });
      results = coverConcepts(X, results, perUnit);
    }
    results = blend(X, query, results);
    if (matters) results = otherMatters(X, question, results);
    query.office = officeClauses(X, question);
    results = withOffice(X, query.office, results);
    query.urgent = urgentCases(X, question);
    return [query, withUrgent(X, query.urgent, top ? results.slice(0, top) : results)];
  }

  function unitRole(hit) {
    if (!hit.roles.length) return "related";
    return hit.roles.every(function (r) { return r === "support"; }) ? "support" : "lead";
  }

  function coverConcepts(X, results, perUnit) {
    var best = new Map();
    perUnit.forEach(function (hits, ui) {
      hits.forEach(function (h) {
        h.concepts.forEach(function (v, ci) {
          if (v > (best.has(ci) ? best.get(ci)[0] : 0.0)) best.set(ci, [v, ui]);
        });
      });
    });
    if (best.size < 2) return results;
    var vals = Array.from(best.values());
    var strongest = Math.max.apply(null, vals.map(function (x) { return x[0]; }));
    var byUi = new Map();
    results.forEach(function (r) { byUi.set(r.ui, r); });
    var order = [results[0]];
    sortedBy(vals, function (x) { return -x[0]; }).forEach(function (x) {
      var r = byUi.get(x[1]);
      if (x[0] >= X.K.COVER_SHARE * strongest && r !== undefined && order.indexOf(r) < 0) order.push(r);
    });
    return order.concat(results.filter(function (r) { return order.indexOf(r) < 0; }));
  }

  function mentionFactors(X, question) {
    var K = X.K, found = new Map(), text = new PyText(question);
    X.units.forEach(function (unit, ui) {
      var taken = [];
      X.unitKeys[ui].forEach(function (k) {
        var start = text.find(k, 0);
        while (start >= 0) {
          if (taken.indexOf(start) < 0) taken.push(start);
          start = text.find(k, start + 1);
        }
      });
      if (taken.length) found.set(ui, taken);
    });
    var out = new Map();
    if (found.size >= K.MENTION_CROWD) return out;
    found.forEach(function (starts, ui) {
      var other = false;
      starts.forEach(function (pos) {
        var before = text.slice(Math.max(0, pos - 4), pos);
        var s0 = Math.max.apply(null, Array.from(K.SENTENCE_END).map(function (c) { return text.rfind(c, 0, pos); })) + 1;
        var ends = Array.from(K.SENTENCE_END).map(function (c) { return text.find(c, pos); }).filter(function (i) { return i >= 0; });
        var sentence = text.slice(s0, ends.length ? Math.min.apply(null, ends) : text.length);
        if (X.asker.some(function (w) { return before.endsWith(w) || contains(before, w); }) ||
            X.deflect.some(function (w) { return contains(sentence, w); })) other = true;
      });
      out.set(ui, other ? K.MENTION_OTHER : K.MENTION_BOOST);
    });
    return out;
  }

  function unitKeys(X, unit) {
    var short = X.data.region_short || "";
    var keys = [unit.name, unit.full_name].concat(unit.aliases);
    if (unit.heading) keys.push(unit.heading);
    if (short && unit.name.startsWith(short) && cpLen(unit.name) - cpLen(short) >= 2) keys.push(unit.name.slice(short.length));
    keys = keys.filter(function (k) { return cpLen(k) >= 2; }).map(normalize);
    return keys; // the order does not matter: only where they stand does
  }

  // ---- the 问答库 -----------------------------------------------------------------------------------------------
  function similar(X, question) {
    var nn = X.neighbours;
    if (!nn || !nn.n) return [];
    var feats = nnFeatures(X.strip(question)), vec = [];
    feats.forEach(function (c, g) {
      var row = nn.table.get(g);
      vec.push([g, (1 + logCount(X, c)) * (row ? row.idf : nn.unseen), row]);
    });
    var norm = Math.sqrt(X.fsum(vec.map(function (p) { return p[1] * p[1]; }))) || 1.0;
    var sims = new Map();
    vec.forEach(function (p) {
      var row = p[2];
      if (!row) return;
      for (var j = 0; j < row.ids.length; j++) {
        var i = row.ids[j];
        sims.set(i, (sims.get(i) || 0.0) + p[1] / norm * row.ws[j]);
      }
    });
    return sortedBy(Array.from(sims), function (p) { return -p[1]; }).slice(0, X.K.NN_K);
  }

  function knnVotes(X, neighbours) {
    var out = new Map();
    neighbours.forEach(function (p) {
      var leads = X.examples[p[0]].lead;
      leads.forEach(function (u) { out.set(u, (out.has(u) ? out.get(u) : 0.0) + p[1] / leads.length); });
    });
    return out;
  }

  function modelScores(X, question, key) { // classifier.scores: class → decision value (an empty Map: no model)
    var m = X.models[key], out = new Map();
    if (!m) return out;
    var counts = modelGrams(X.strip(question)), vec = [];
    counts.forEach(function (c, g) {
      var j = m.rows.has(g) ? m.rows.get(g) : -1;
      if (j >= 0) vec.push([j, (1 + logCount(X, c)) * m.idf[j] / 1000]);
    });
    var norm = Math.sqrt(X.fsum(vec.map(function (p) { return p[1] * p[1]; }))) || 1.0;
    var k = m.k, vals = m.bias.slice();
    vec.forEach(function (p) {
      var f = p[1] / norm * m.scale, base = p[0] * k;
      for (var c = 0; c < k; c++) vals[c] += f * m.w[base + c];
    });
    m.classes.forEach(function (c, i) { out.set(c, vals[i]); });
    return out;
  }

  function blend(X, query, results) {
    var K = X.K;
    query.similar = similar(X, query.text);
    var key = sameKey(query.text, X.asking);
    var same = [];
    if (key) X.examples.forEach(function (e, i) { if (e.key === key) same.push(i); });
    query.same = same;
    if (!key) return results;
    var knn = knnVotes(X, query.similar), learned = modelScores(X, query.text, "classifier"), votes, weight;
    if (learned.size) {
      var low = Math.min.apply(null, Array.from(learned.values()));
      votes = new Map();
      learned.forEach(function (v, u) { if (v > low) votes.set(u, v - low); });
      weight = K.CLS_WEIGHT;
    } else {
      votes = knn; weight = K.NN_WEIGHT;
    }
    if (!results.length) {
      var close = new Set();
      query.similar.forEach(function (p) { if (p[1] >= K.MIN_SIMILARITY) X.examples[p[0]].lead.forEach(function (u) { close.add(u); }); });
      if (key.length >= K.LONG) knn.forEach(function (v, u) { if (v >= K.MIN_VOTE) close.add(u); });
      var kept = new Map();
      votes.forEach(function (v, u) { if (close.has(u)) kept.set(u, v); });
      votes = kept;
    }
    if (!votes.size && !same.length) return results;
    var bestText = results.length ? Math.max.apply(null, results.map(function (r) { return r.score; })) : 0.0;
    bestText = bestText || 1.0;
    var bestVote = votes.size ? Math.max.apply(null, Array.from(votes.values())) : 0.0;
    bestVote = bestVote || 1.0;
    var byId = new Map();
    results.forEach(function (r) { byId.set(r.unit.id, r); });
    if (learned.size) {
      var share = new Map();
      votes.forEach(function (v, u) { if (v >= K.MIN_SHARE * bestVote) share.set(u, v); });
      votes = share;
    }
    var named = new Set();
    query.similar.forEach(function (p) { X.examples[p[0]].lead.forEach(function (u) { named.add(u); }); });
    var alone = learned.size ? K.ALONE : 0.0;
    var strong = new Set(), answered = new Set();
    votes.forEach(function (v, u) { if (named.has(u) || v >= alone * bestVote) strong.add(u); });
    same.forEach(function (i) { X.examples[i].lead.forEach(function (u) { strong.add(u); answered.add(u); }); });
    X.units.forEach(function (unit, ui) {
      if (strong.has(unit.id) && !byId.has(unit.id)) {
        var r = result(unit, 0.0, answered.has(unit.id) ? "lead" : "reference", [], ui);
        results.push(r);
        byId.set(unit.id, r);
      }
    });
    results.forEach(function (r) {
      r.vote = votes.has(r.unit.id) ? votes.get(r.unit.id) : 0.0;
      var mine = same.filter(function (i) { return X.examples[i].lead.indexOf(r.unit.id) >= 0; }).map(function (i) { return [i, 1.0]; });
      query.similar.forEach(function (p) {
        if (same.indexOf(p[0]) < 0 && X.examples[p[0]].lead.indexOf(r.unit.id) >= 0) mine.push(p);
      });
      r.examples = mine.slice(0, 3);
      r.score = r.text_score / bestText + weight * r.vote / bestVote;
      if (same.some(function (i) { return X.examples[i].lead.indexOf(r.unit.id) >= 0; })) r.score += 1.0 + weight;
    });
    results = sortResults(results);
    var top = results[0].score;
    return results.filter(function (r) { return r.score >= K.MIN_RELATIVE * top; });
  }

  function otherMatters(X, question, results) {
    var K = X.K;
    if (!results.length) return results;
    var clauses = normalize(question).split(X.matterSplit).filter(function (c) {
      return cpLen(pyStrip(stripFluff(c, X.fluff))) >= K.MATTER_MIN;
    });
    if (clauses.length < 2) return results;
    var out = results.slice();
    clauses.forEach(function (clause) {
      var found = rankRaw(X, clause, 0, false)[1];
      if (!found.length || !found[0].items.length || found[0].role !== "lead" || found[0].urgent) return;
      var maxText = Math.max.apply(null, found.map(function (r) { return r.text_score; }));
      var maxVote = Math.max.apply(null, found.map(function (r) { return r.vote; }));
      if (found[0].text_score < maxText || found[0].vote < maxVote) return;
      var ui = found[0].ui, place = -1;
      for (var i = 0; i < out.length; i++) if (out[i].ui === ui) { place = i; break; }
      if (place >= 0 && place <= K.MATTER_PLACE) return;
      var r = place >= 0 ? out.splice(place, 1)[0] : result(found[0].unit, 0.0, "lead", found[0].items, ui, found[0].text_score);
      r.role = "lead";
      r.items = r.items.length ? r.items : found[0].items;
      var at = Math.min(K.MATTER_PLACE, out.length);
      r.score = Math.max(r.score, at < out.length ? out[at].score : 0.0);
      out.splice(at, 0, r);
    });
    return out;
  }

  // ---- urgent cases and the office's rules ---------------------------------------------------------------------
  function partsAt(parts, q, lo, hi) {
    var first = parts[0], at = q.find(first, lo), flen = cpLen(first);
    while (at !== -1 && at <= hi) {
      var end = at + flen;
      if (parts.length === 1 || partsAt(parts.slice(1), q, end + 1, end + 8)) return true;
      at = q.find(first, at + 1);
    }
    return false;
  }

  function said(parts, q) {
    if (parts.length === 1) return Boolean(parts[0]) && contains(q.s, parts[0]);
    return partsAt(parts, q, 0, q.length);
  }

  function urgentCases(X, question) {
    var cases = X.glossary.urgent || [];
    if (!cases.length) return [];
    var q = new PyText(normalize(question));
    if (X.child.length && !X.child.some(function (w) { return w && contains(q.s, w); })) return [];
    var out = [];
    cases.forEach(function (c, ci) {
      var matched = [];
      X.urgentWords[ci].forEach(function (parts, wi) {
        if (!parts.some(Boolean)) return;
        if (parts.length > 1 ? partsAt(parts, q, 0, q.length) : contains(q.s, parts[0])) matched.push(c.words[wi]);
      });
      if (matched.length) out.push(Object.assign({}, c, { matched: matched, learned: null }));
    });
    return out.length ? out : learnedCase(X, cases, question);
  }

  function learnedCase(X, cases, question) {
    var values = modelScores(X, question, "urgent_model"), best = null;
    values.forEach(function (v, c) {
      if (c !== X.K.NOT_URGENT && (!best || v > best[0] || (v === best[0] && cmpStr(c, best[1]) > 0))) best = [v, c];
    });
    if (!best || best[0] < X.K.URGENT_MIN) return [];
    var c = cases.find(function (x) { return x.id === best[1]; });
    return c ? [Object.assign({}, c, { matched: [], learned: Math.round(best[0] * 100) / 100 })] : [];
  }

  function officeClauses(X, question) {
    var office = X.data.office;
    if (!office || !X.officeCues.length) return [];
    var q = new PyText(normalize(question)), found = new Map();
    X.officeCues.forEach(function (cue) {
      var s = cue.words.filter(function (_w, i) { return said(cue.parts[i], q); });
      if (!s.length) return;
      cue.clauses.forEach(function (clause) {
        if (!Object.prototype.hasOwnProperty.call(office.clauses, clause)) return;
        if (!found.has(clause)) found.set(clause, []);
        var list = found.get(clause);
        s.forEach(function (w) { if (list.indexOf(w) < 0) list.push(w); });
      });
    });
    var order = sortedBy(Array.from(found.keys()), function (c) {
      return -Math.max.apply(null, found.get(c).map(function (w) { return cpLen(pyReplace(w, "\u2026", "")); }));
    });
    return order.map(function (c) { return Object.assign({ id: c }, office.clauses[c], { matched: found.get(c) }); });
  }

  function withOffice(X, clauses, results) {
    if (!clauses.length) return results;
    var ui = X.byUnitId.get(X.data.office.host);
    var found = results.find(function (r) { return r.ui === ui; }) || result(X.units[ui], 0.0, "lead", [], ui);
    found.score = (results.length ? results[0].score : 0.0) + 1.0;
    found.role = "lead";
    found.office = clauses;
    return [found].concat(results.filter(function (r) { return r !== found; }));
  }

  function withUrgent(X, cases, results) {
    var out = results.slice();
    cases.forEach(function (c) {
      c.lead.forEach(function (id) {
        if (!X.byUnitId.has(id)) return;
        var ui = X.byUnitId.get(id), found = out.find(function (r) { return r.ui === ui; });
        if (!found) {
          found = result(X.units[ui], out.length ? out[out.length - 1].score : 1.0, "lead", [], ui);
          out.push(found);
        }
        found.urgent = found.urgent || c.id;
        found.role = "lead";
      });
    });
    return out;
  }

  // ---- the answer as JSON (engine.to_json, with what the CLI prints) ---------------------------------------------
  function spans(text, needles) { // domain.text.spans: merged [start, end) in JavaScript string indices
    var hits = [];
    Array.from(new Set(needles)).forEach(function (n) {
      if (!n) return;
      var start = text.indexOf(n);
      while (start >= 0) { hits.push([start, start + n.length]); start = text.indexOf(n, start + 1); }
    });
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var merged = [];
    hits.forEach(function (h) {
      if (merged.length && h[0] <= merged[merged.length - 1][1]) {
        merged[merged.length - 1][1] = Math.max(merged[merged.length - 1][1], h[1]);
      } else merged.push([h[0], h[1]]);
    });
    return merged;
  }

  function round(x, n) { return Number(x.toFixed(n)); }

  function names(X, ids) {
    return (ids || []).map(function (id) { return { id: id, name: X.byUnitId.has(id) ? X.units[X.byUnitId.get(id)].name : id }; });
  }

  function officeJson(X, clauses) {
    var o = X.data.office, host = X.byUnitId.has(o.host) ? X.units[X.byUnitId.get(o.host)].name : o.host;
    return {
      name: o.name, short_name: o.short_name, host: { id: o.host, name: host, division: o.host_division }, source: o.source,
      clauses: clauses.map(function (c) { return { id: c.id, section: c.section, title: c.title, text: c.text, matched: c.matched }; }),
    };
  }

  function urgentJson(X, c) {
    return { id: c.id, name: c.name, matched: c.matched, learned: c.learned === undefined ? null : c.learned,
      lead: names(X, c.lead), support: names(X, c.support), basis: c.basis, action: c.action || null };
  }

  function terms(query) {
    var out = [];
    query.literals.concat([].concat.apply([], query.fired.map(function (f) { return f.words; })), query.expansions)
      .forEach(function (t) { if (out.indexOf(t) < 0) out.push(t); });
    return out;
  }

  function toJson(X, query, results) {
    var K = X.K, needles = Array.from(query.weights.keys()).filter(function (g) { return g.length >= 2; }).concat(query.expansions);
    return {
      query: query.text,
      terms: terms(query),
      fired: query.fired.map(function (f) { return { words: f.words, terms: f.terms }; }),
      results: results.map(function (r) {
        var out = {
          unit: { id: r.unit.id, name: r.unit.name },
          score: round(r.score, 4),
          role: r.role,
          role_zh: K.ROLE_ZH[r.role],
          duties: r.items.map(function (h) {
            var d = r.unit.duties[h.duty];
            return { id: d.id, text: d.text, marks: spans(d.text, needles) };
          }),
          urgent: r.urgent,
          office: r.office.length ? officeJson(X, r.office) : null,
          reference: null,
        };
        if (!r.items.length && r.examples.length) {
          var i = r.examples[0][0], e = X.examples[i], isSame = query.same.indexOf(i) >= 0;
          out.reference = { kind: isSame ? "same" : "similar", q: e.q,
            text: (isSame ? "问答库记录的答案：" : "相似的已答问题：") + e.q };
        } else if (!r.items.length && r.vote) {
          out.reference = { kind: "learned", q: null, text: "问答库中这类问题常由该单位牵头（职责原文没有直接对应的条目）" };
        }
        return out;
      }),
      urgent: query.urgent.map(function (c) { return urgentJson(X, c); }),
      office: query.office.length ? officeJson(X, query.office) : null,
      similar: query.similar.slice(0, 3).map(function (p) {
        var e = X.examples[p[0]];
        return { q: e.q, lead: e.lead, similarity: round(p[1], 3) };
      }),
      learned_model: !X.data.unlearned,
      note: X.data.note || null,
    };
  }

  // ---- the API ---------------------------------------------------------------------------------------------------
  function rank(X, question, top) {
    question = String(question === undefined || question === null ? "" : question);
    top = top === undefined || top === null ? 5 : top;
    var qr = rankRaw(X, question, top, true);
    return toJson(X, qr[0], qr[1]);
  }

  function check(question) { // engine.check_question: null when fine, else the message to show
    var text = pyStrip(String(question === undefined || question === null ? "" : question));
    if (!text) return "问题是空的。例如：孩子被人贩子拐走了";
    var n = cpLen(text), max = check.max || 2000;
    if (n > max) return "问题有 " + n + " 个字，超过上限 " + max + " 字。用一两句话说清是什么事、涉及什么人即可；整份材料请交给办公室人工分办。";
    return null;
  }

  function ask(X, question, top) { // what `weibao who` does with a question: check it, strip it, rank it
    check.max = X.K.QUESTION_MAX;
    var error = check(question);
    if (error) return { error: error };
    return rank(X, pyStrip(String(question)), top);
  }

  var WeibaoWho = {
    load: function (data) { var X = load(data); check.max = X.K.QUESTION_MAX; return X; },
    rank: rank, check: check, ask: ask,
    strip: function (q) { return pyStrip(String(q)); },
    _internal: { normalize: normalize, segments: segments, fixed4: fixed4, literalRuns: literalRuns },
  };
  root.WeibaoWho = WeibaoWho;
  if (typeof module !== "undefined" && module.exports) module.exports = WeibaoWho;
})(typeof window !== "undefined" ? window : typeof globalThis !== "undefined" ? globalThis : this);
