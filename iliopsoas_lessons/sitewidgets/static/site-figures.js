// The figure widgets' adapter on the course website (sitewidgets/figures.py).
// The page stores a state table packed: each distinct fragment of its markup
// once (data.fragments), each of the table's strings as the indices of its
// fragments. Joined back here, before state_player.js sees the table, the
// table is the one JupyterLab and Voila get. A step is the page's alone:
// nothing to record. Nothing is fetched.
(function () {
  "use strict";

  function unpack(data) {
    const fragments = data.fragments, table = data.values.table;
    const strings = table.strings.map((parts, k) =>
      parts.map((i) => {
        if (!(i >= 0 && i < fragments.length)) throw new Error(`${table.name}: string ${k} names no fragment ${i}`);
        return fragments[i];
      }).join(""));
    return { ...data.values, table: { ...table, strings } };
  }

  window.ilAnywidgetHost.adapt("figures", { values: unpack });
})();
