"""mouflow: the life of a cross-region Memorandum of Understanding, from draft to renewal."""
