"""The database side: a projection of every MoU that Temporal holds the truth of."""
