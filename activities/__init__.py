"""Activities, one module per outside system they touch."""
