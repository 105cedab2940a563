"""The space side: launch to LEO (``launch``), the orbit and its sunlight (``orbit``, with
``astro`` for boinor), the solar ``array``, radiators (``thermal``), the ``spacecraft`` mass
roll-up and what it must be for a target kW/t (``requirements``), delivery beyond LEO
(``transfer``), the kW per tonne used (``power``) and the fleet's costs (``fleet``)."""
