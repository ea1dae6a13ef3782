"""The output folder: an all-or-nothing journal and the ownership manifest."""
