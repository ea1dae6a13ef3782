"""Stage 3, reconciling: merge every dialect's claims about one object into one model (weighing
evidence and precedence), then resolve references, names and order into the final Spec."""
