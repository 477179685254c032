from __future__ import annotations

from flask_wtf.file import FileAllowed, FileSize

from registry.domain.credentials.jose import MAX_TOKEN_CHARACTERS
from registry.domain.errors import DomainError
from registry.web.fields import file_upload, submit_button, text_area
from registry.web.forms import RegisterForm

MAX_UPLOAD_BYTES = MAX_TOKEN_CHARACTERS


class VerifyForm(RegisterForm):
    token = text_area(
        "Paste the credential or receipt",
        hint="It is a long run of letters and numbers in three parts separated by dots, starting eyJ.",
        optional=True,
        max_length=MAX_TOKEN_CHARACTERS,
        too_long="The credential must be shorter than 900,000 characters",
    )
    file = file_upload(
        "Or upload its file",
        hint="The file you downloaded from the register or were sent, such as SM-004217-2-credential.jwt.",
        validators=[
            FileAllowed(["jwt", "jws", "txt"], "The file must be a .jwt, .jws or .txt file"),
            FileSize(MAX_UPLOAD_BYTES, message="The file must be smaller than 900 KB"),
        ],
    )
    submit = submit_button("Check it")

    def signed_text(self) -> str:
        """What was pasted, else the uploaded file's text; DomainError (naming the field) if neither."""
        upload = self.file.data
        if upload:
            try:
                return str(upload.read(MAX_UPLOAD_BYTES + 1).decode("utf-8-sig"))
            except UnicodeDecodeError as error:
                raise DomainError("The file must be a credential saved as text", field="file") from error
        if (self.token.data or "").strip():
            return str(self.token.data)
        raise DomainError("Paste a credential or receipt, or upload its file", field="token")
