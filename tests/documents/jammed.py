"""A render that fails for as long as the test says, under the real activity's name, then renders for real."""

from temporalio import activity

from activities.documents import DocumentActivities
from mouflow.documents.models import DocumentRef, RenderDocument

JAMMED = "the press is jammed"


class JammedPress:
    """As a missing font or a full disk would: every attempt fails (retryably) while `jammed` is set."""

    def __init__(self, real: DocumentActivities) -> None:
        self._real = real
        self.jammed = True
        self.failed: list[tuple[str, int | None]] = []  # one entry per failed attempt

    @activity.defn(name="documents.render")
    def render(self, request: RenderDocument) -> DocumentRef:
        if self.jammed:
            self.failed.append((str(request.kind), request.version))
            raise RuntimeError(JAMMED)
        return self._real.render(request)
