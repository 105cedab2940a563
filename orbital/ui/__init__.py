"""The page's helpers (the only code beside ``app.py`` that may import streamlit): session
``state`` and URL handling, page ``data`` (cached evaluations), and plotly ``charts``."""
