"""The FastAPI app that `uvicorn api.main:app` serves. The MoU routes come with their own issue."""

from fastapi import FastAPI

app = FastAPI(
    title="mouflow",
    description="Drafting, review, signing and follow-up of cross-region Memoranda of Understanding, "
    "each MoU a Temporal workflow.",
    version="0.1.0",
)


@app.get("/healthz")
def healthz() -> dict[str, str]:
    """Answers while the process serves requests; it does not reach Temporal or the database."""
    return {"status": "ok"}
