"""The hybrid retriever as a langchain `BaseRetriever`, so the stack plugs into langchain chains."""

from __future__ import annotations

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from kb.retrieve import RetrievalFilters, Retriever


class PolicyRetriever(BaseRetriever):
    """Label lookup first ("第十五条"), then hybrid search; one langchain Document per clause."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    retriever: Retriever
    k: int = 5
    filters: RetrievalFilters | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[LCDocument]:
        hits = self.retriever.lookup_labels(query, doc_ids=self.filters.doc_ids if self.filters else None)
        seen = {h.clause.clause_id for h in hits}
        hits += [h for h in self.retriever.search(query, k=self.k, filters=self.filters) if h.clause.clause_id not in seen]
        documents = []
        for hit in hits[: self.k]:
            clause = hit.clause
            doc = self.retriever.kb.document(clause.doc_id)
            documents.append(
                LCDocument(
                    page_content=clause.text,
                    metadata={
                        "clause_id": clause.clause_id,
                        "doc_id": clause.doc_id,
                        "doc_title": doc.title if doc else "",
                        "doc_number": doc.doc_number if doc else "",
                        "label": clause.label,
                        "cite": clause.cite or clause.label,
                        "context": clause.context,
                        "heading_path": " › ".join(clause.heading_path),
                        "score": hit.score,
                        "sources": ",".join(hit.sources),
                    },
                )
            )
        return documents
