"""Quality: the evaluation harness behind ``nploy eval`` (ranking modes over labelled query sets,
metrics, the swipe simulation, skill-extraction precision and recall)."""
