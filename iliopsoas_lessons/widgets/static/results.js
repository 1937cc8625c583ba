// "My results": the rules of the learner's results record, one module for
// every host (issue 22). Today it holds the check of a stored record, which
// must say exactly what Python's iliopsoas_lessons.progress.problems says:
// the course website's store (sitewidgets/static/site-progress.js) uses it
// on every record it reads, and `node --test tests/js/` checks it against
// the records Python exports (tests/test_results_rules.py writes
// tests/js/fixtures/results_records.json), valid ones and each kind Python
// refuses. S is sitewidgets/progress.py's settings(): the format's constants,
// limits and patterns, so nothing here is typed twice.
// No imports, no network: the site serves it as a classic script
// (window.ilAnywidgetModules["results.js"]).

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

// Python's repr of a string: its quote choice and the escapes a key or id can carry
function strRepr(v) {
  const q = v.includes("'") && !v.includes('"') ? '"' : "'";
  const body = v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t")
    .replace(/[\ud800-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return q + (q === "'" ? body.replace(/'/g, "\\'") : body) + q;
}

export function pyRepr(v) {
  if (v === undefined || v === null) return "None";
  if (typeof v === "string") return strRepr(v);
  if (v === true) return "True";
  if (v === false) return "False";
  return String(v);
}

function depth(value, limit) {
  if (limit < 0) return 1;
  if (!Array.isArray(value) && !isObject(value)) return 0;
  let deepest = 0;
  for (const v of Object.values(value)) deepest = Math.max(deepest, depth(v, limit - 1));
  return 1 + deepest;
}

// Why a text cannot be written as UTF-8: a lone surrogate (progress.files.unsavable), or null.
function unsavable(text) {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const high = c >= 0xd800 && c <= 0xdbff, low = c >= 0xdc00 && c <= 0xdfff;
    const next = text.charCodeAt(i + 1);
    if (high && next >= 0xdc00 && next <= 0xdfff) { i++; continue; }
    if (high || low) {
      // Python counts code points, a pair being one
      const at = [...text.slice(0, i)].length;
      return `a lone surrogate (${pyRepr(text[i])}) at character ${at}, which is not text and cannot be saved`;
    }
  }
  return null;
}

function badText(value) { // the first unsavable text anywhere in value (keys too), or null
  if (typeof value === "string") return unsavable(value);
  if (Array.isArray(value)) {
    for (const v of value) { const found = badText(v); if (found) return found; }
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) { const found = unsavable(k) || badText(v); if (found) return found; }
  }
  return null;
}

export function answerProblem(S, exercise, answer) {
  const KEY = new RegExp(S.key_pattern);
  const isKey = (k) => typeof k === "string" && KEY.test(k);
  if (exercise === "quiz") {
    return Number.isInteger(answer) && answer >= 0 && answer < S.max_options ? null
      : `a quiz answer must be an option index 0-${S.max_options - 1}`;
  }
  if (exercise === "red_flag_cases") return isKey(answer) ? null : "a case answer must be a level key";
  // a list of keys: progress/__init__.py's _LIST_ANSWERS, in the same words
  const [limit, problem] = exercise === "virtual_cases"
    ? [S.max_path, "a virtual-case answer must be a list of the chosen keys (its path)"]
    : [S.max_regions, "a pain-map answer must be a list of region keys"];
  if (!Array.isArray(answer)) return problem;
  if (answer.length > limit) return `${problem}: at most ${limit} keys, not ${answer.length}`;
  const bad = answer.findIndex((k) => !isKey(k));
  return bad === -1 ? null : `${problem}: item ${bad} is not a key (${S.key_rule})`;
}

export function attemptProblem(S, exercise, attempt) {
  const keys = isObject(attempt) ? Object.keys(attempt) : [];
  if (!keys.includes("answer") || !keys.includes("correct")
      || !keys.every((k) => ["answer", "correct", "at"].includes(k))) {
    return "an attempt must have 'answer' and 'correct' (and optionally 'at')";
  }
  if (typeof attempt.correct !== "boolean") return "'correct' must be true or false";
  if ("at" in attempt && !(typeof attempt.at === "string" && [...attempt.at].length <= 40)) {
    return "'at' must be a short date-time text";
  }
  return answerProblem(S, exercise, attempt.answer);
}

function exercisesProblems(S, exercises) {
  const KEY = new RegExp(S.key_pattern);
  if (!isObject(exercises) || !Object.keys(exercises).every((e) => S.exercises.includes(e))) {
    return [`'exercises' must be an object with only: ${S.exercises.join(", ")}`];
  }
  for (const [exercise, items] of Object.entries(exercises)) {
    if (!isObject(items)) return [`exercises.${exercise} must be an object`];
    for (const [item, rec] of Object.entries(items)) {
      const where = `exercises.${exercise}.${item}`;
      if (!KEY.test(item)) return [`exercises.${exercise}: ${pyRepr(item)} is not a key (letters, digits, '_' and '-')`];
      if (!isObject(rec) || Object.keys(rec).sort().join() !== "first,later" || !Array.isArray(rec.later)) {
        return [`${where} must have 'first' and a list 'later'`];
      }
      if (rec.later.length > S.max_attempts) return [`${where}: more than ${S.max_attempts} later attempts`];
      for (const attempt of [rec.first, ...rec.later]) {
        const problem = attemptProblem(S, exercise, attempt);
        if (problem) return [`${where}: ${problem}`];
      }
    }
  }
  return [];
}

// Why data is not a results record of this format version ([] if it is): progress.problems.
export function problems(S, data) {
  if (!isObject(data)) return ["not a results file (not a JSON object)"];
  if (data.format !== S.format) return [`not a results file (format is not '${S.format}')`];
  const version = data.schema_version;
  if (typeof version !== "number" || !Number.isInteger(version)) { // as Python: true and "1" are not 1
    return [`'schema_version' must be a whole number (this package reads ${S.schema_version}), not ${pyRepr(version)}`];
  }
  if (version !== S.schema_version) {
    return [`from another version of the results format (${pyRepr(version)}; this package reads ${S.schema_version})`];
  }
  if (depth(data, S.max_depth) > S.max_depth) return [`nested deeper than ${S.max_depth} levels`];
  const unknown = Object.keys(data).filter((k) => !S.fields.includes(k)).sort();
  if (unknown.length) return [`unknown fields: ${unknown.join(", ")}`];
  const bad = badText(data);
  if (bad) return [`it holds ${bad}`];
  if (typeof data.learner_id !== "string" || !new RegExp(S.id_pattern).test(data.learner_id)) {
    return ["'learner_id' must be 32 lower-case hex digits"];
  }
  if (typeof data.package_version !== "string" || [...data.package_version].length > 40) {
    return ["'package_version' must be a short text"];
  }
  const name = data.pseudonym;
  if (name !== undefined && name !== null && !(typeof name === "string" && [...name].length <= S.max_pseudonym)) {
    return [`'pseudonym' must be null or a text of at most ${S.max_pseudonym} characters`];
  }
  return exercisesProblems(S, data.exercises);
}

// Why a stored text is not a record (null if it is one), as progress.read_results says it.
export function storedProblem(S, raw) {
  const size = new TextEncoder().encode(raw).length;
  if (size > S.max_bytes) return `too big (${size} bytes; a results file is under ${S.max_bytes})`;
  let data;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    return `not valid JSON (${error.message})`;
  }
  return problems(S, data)[0] || null;
}

export default { problems, storedProblem };
