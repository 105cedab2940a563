"""The model as a whole: the order of its steps (``pipeline``), the ``catalogue`` of every
parameter and result gathered from them, ``evaluate`` (units checked and stripped once, the
steps run on SI arrays), the frozen ``results`` record, and the glossary (``docs``)."""
