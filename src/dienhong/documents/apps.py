from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "dienhong.documents"
    label = "documents"
    verbose_name = _("Documents")

    def prepare_worker(self) -> None:
        """Load what digitization needs before the first job: RQ forks a process per job,
        which would otherwise import OCRmyPDF (~0.4 s of CPU) for every document."""
        from dienhong.documents import extract

        extract.load_ocr()
