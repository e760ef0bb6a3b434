"""The HTTP API over the MoU workflows and the store."""
