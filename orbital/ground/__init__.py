"""The ground side: a data centre of the same IT power and what it costs (``site``)."""
