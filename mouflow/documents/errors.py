"""Why a document cannot be rendered. Retrying never helps, so the activity fails for good."""


class DocumentError(ValueError):
    pass
