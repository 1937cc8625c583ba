// anywidget's model on the course website, with no kernel.
//
// A lesson widget written as an anywidget module (widgets/static/*.js) runs
// here unchanged: the site loads the module as a classic script (the site's
// copy registers its exports in window.ilAnywidgetModules, see
// sitewidgets.site_file_bytes) and this host gives its render() a model with
// anywidget's calls (get, set, on, off, save_changes, send) over the trait
// values Python exported into the page (sitewidgets/anywidget.py). What the
// kernel would do when the page saves a change is done by the widget's small
// site adapter, registered with window.ilAnywidgetHost.adapt(name, adapter):
//   adapter.initialize(model, data)         before the first render
//   adapter.saved(model, names, data)       after save_changes(), with the traits changed
//   adapter.message(model, content, data)   for send()
//   adapter.values(data)                    the trait values, when the page stores
//                                           them in a form of its own (packed: with
//                                           data.fragments, refused without it)
// A widget with no adapter still runs: it only keeps its values in the page.
// Nothing is fetched.
(function () {
  "use strict";
  const adapters = {};
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const copy = (value) => (value === undefined ? value : JSON.parse(JSON.stringify(value)));

  function createModel(values, data) {
    const listeners = new Map();
    const dirty = new Set();
    const emit = (event, ...args) => { for (const fn of [...(listeners.get(event) || [])]) fn(...args); };
    const adapter = adapters[data.adapter] || {};
    if (data.fragments && !adapter.values) throw new Error(`${data.module}: nothing unpacks its values (${data.adapter})`);
    const model = {
      get: (name) => copy(values[name]),
      set(name, value) {
        if (same(values[name], value)) return;
        values[name] = copy(value);
        dirty.add(name);
        emit(`change:${name}`);
      },
      save_changes() {
        const names = [...dirty];
        dirty.clear();
        if (names.length && adapter.saved) adapter.saved(model, names, data);
      },
      send(content) { if (adapter.message) adapter.message(model, content, data); },
      on(event, fn) {
        if (!listeners.has(event)) listeners.set(event, new Set());
        listeners.get(event).add(fn);
      },
      off(event, fn) { if (listeners.has(event)) listeners.get(event).delete(fn); },
      // what the kernel's side sets: announced like a change from Python, never saved back
      update(name, value) {
        if (same(values[name], value)) return;
        values[name] = copy(value);
        emit(`change:${name}`);
      },
    };
    if (adapter.initialize) adapter.initialize(model, data);
    return model;
  }

  function mount(el, data) {
    const modules = window.ilAnywidgetModules || {};
    const module = modules[data.module];
    if (!module || !module.default || !module.default.render) throw new Error(`${data.module} did not load`);
    const adapter = adapters[data.adapter] || {};
    if (data.fragments && !adapter.values) throw new Error(`${data.module}: nothing unpacks its values (${data.adapter})`);
    const model = createModel(adapter.values ? adapter.values(data) : copy(data.values), data);
    const place = document.createElement("div");
    el.appendChild(place);
    if (module.default.initialize) module.default.initialize({ model });
    module.default.render({ model, el: place });
    return model;
  }

  window.ilAnywidgetHost = {
    adapt(name, adapter) { adapters[name] = adapter; },
    createModel,
    mount,
  };
  window.ilSiteWidgets.register("anywidget", (el, data) => { mount(el, data); });
})();
