// node parity_runner.js DATA.js QUESTIONS.json [TOP]: load who.js and the data script, rank every question, print JSON
// {"load_ms", "ms": [per question], "answers": [summary per question], "derived": {...}} (tests/site/test_who_parity.py).
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [dataFile, questionsFile, topArg] = process.argv.slice(2);
const top = Number(topArg || 3);
const context = { window: {} };
vm.createContext(context);
vm.runInContext(fs.readFileSync(path.join(__dirname, "..", "..", "weibao", "site", "who.js"), "utf8"), context);
vm.runInContext(fs.readFileSync(dataFile, "utf8"), context);
const W = context.window.WeibaoWho;
const questions = JSON.parse(fs.readFileSync(questionsFile, "utf8"));

function summary(answer) {
  return {
    results: answer.results.map((r) => [r.unit.id, r.role, r.score, r.urgent, r.duties.map((d) => d.id),
      r.office ? r.office.clauses.map((c) => c.id) : null, r.reference ? r.reference.kind : null]),
    urgent: answer.urgent.map((c) => [c.id, c.learned]),
    office: answer.office ? answer.office.clauses.map((c) => c.id) : null,
    similar: answer.similar.map((s) => [s.q, s.similarity]),
    terms: answer.terms,
    note: answer.note,
  };
}

let t0 = process.hrtime.bigint();
const idx = W.load(context.window.WEIBAO_WHO_DATA);
const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
const answers = [];
const ms = [];
const errors = [];
for (const q of questions) {
  t0 = process.hrtime.bigint();
  try {
    answers.push(summary(W.rank(idx, q, top)));
  } catch (e) {
    answers.push(null);
    errors.push(String(e && e.stack || e));
  }
  ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
const checks = questions.map((q) => W.check(q));
const derived = {
  neighbours: idx.neighbours ? Array.from(idx.neighbours.table, ([g, row]) => [g, row.idf, row.ids, row.ws]) : null,
  models: Object.fromEntries(Object.entries(idx.models).map(([k, m]) => [k, m ? {
    grams: Array.from(m.rows.keys()), idf: Array.from(m.idf), w: Array.from(m.w) } : null])),
  items: idx.items.map((it) => [it.u, it.d, Object.fromEntries(it.tf), it.len]),
  idf: Object.fromEntries(idx.idf),
  keys: idx.examples.map((e) => e.key),
};
process.stdout.write(JSON.stringify({ load_ms: loadMs, ms, answers, checks, errors, derived: process.env.PARITY_DERIVED ? derived : null }));
