"""The lunar mass driver: kinematics, energy, throughput and cost per kg (``driver``)."""
