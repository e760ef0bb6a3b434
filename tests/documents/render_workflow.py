"""A test-only workflow that asks for the same document twice, as a retried or replayed step would."""

from datetime import timedelta

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from mouflow.documents.models import DocumentRef, RenderDocument


@workflow.defn
class RenderTwiceWorkflow:
    @workflow.run
    async def run(self, request: RenderDocument) -> list[DocumentRef]:
        return [await self._render(request), await self._render(request)]

    async def _render(self, request: RenderDocument) -> DocumentRef:
        return await workflow.execute_activity(
            "documents.render", request, result_type=DocumentRef, start_to_close_timeout=timedelta(minutes=2)
        )
