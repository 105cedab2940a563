"""Assumption sets, the only place files are read: ``files`` (where presets live, safe paths,
atomic writes), ``parse`` (TOML/JSON text), ``entries`` (one checked value with unit, source
and distribution), ``aset`` (the frozen set, export, diff), ``loading`` (load, loads,
extends) and ``values`` (a value typed on the command line, in a URL or a widget)."""
