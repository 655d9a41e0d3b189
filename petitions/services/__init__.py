"""Business logic for anonymous petitions, one module per concern.

- common: errors, inputs, each petition's hash key, the sealing keys
- organising: create, edit (with review), close, printed codes and their sheets
- signing: the mailed link, the confirm hot path, codes, receipts, withdrawal
- pool: waiting signatures and the shuffled batches that write them
- counting: counts, publication, closing due petitions, retention, the verification listing
- delivery: the delivery PDF
- postgres: statements bound on the server (the confirm hot path among them)
"""

from . import pool, postgres
from .common import (
    AlreadySigned,
    CodeNotValid,
    LinkExpired,
    LinkInvalid,
    NotEligible,
    PetitionInput,
    PetitionLocked,
    PetitionNotOpen,
    SigningError,
)
from .counting import (
    DIGEST_RECIPE,
    close_due_petitions,
    display_count,
    listing_json,
    purge_expired_hashes,
    receipt_hash_page,
    refresh_count,
    refresh_counts,
    refresh_if_stale,
    verification_summary,
)
from .delivery import (
    build_delivery,
    queue_delivery,
    run_queued_delivery,
    sweep_code_sheets,
    sweep_deliveries,
)
from .organising import (
    REVIEWED_FIELDS,
    InvitationInvalid,
    accept_invitation,
    approve_petition,
    build_code_sheet,
    close_petition,
    create_petition,
    generate_codes,
    hand_over_petitions,
    has_signatures,
    invite_co_organiser,
    managed_by,
    petitions_of,
    queue_code_sheet,
    read_invitation,
    take_code_sheet,
    update_petition,
)
from .signing import (
    confirm_signature,
    is_counted,
    new_pending,
    read_confirmation,
    receipt_status,
    record_once_sql,
    request_email_signature,
    seal_signature,
    sign_with_code,
    withdraw,
)

__all__ = [
    "DIGEST_RECIPE",
    "REVIEWED_FIELDS",
    "AlreadySigned",
    "CodeNotValid",
    "LinkExpired",
    "LinkInvalid",
    "NotEligible",
    "PetitionInput",
    "PetitionLocked",
    "PetitionNotOpen",
    "SigningError",
    "InvitationInvalid",
    "accept_invitation",
    "approve_petition",
    "build_code_sheet",
    "build_delivery",
    "close_due_petitions",
    "close_petition",
    "confirm_signature",
    "create_petition",
    "display_count",
    "generate_codes",
    "hand_over_petitions",
    "has_signatures",
    "invite_co_organiser",
    "managed_by",
    "is_counted",
    "new_pending",
    "petitions_of",
    "pool",
    "postgres",
    "purge_expired_hashes",
    "queue_code_sheet",
    "queue_delivery",
    "read_confirmation",
    "read_invitation",
    "receipt_status",
    "record_once_sql",
    "refresh_count",
    "refresh_counts",
    "refresh_if_stale",
    "request_email_signature",
    "run_queued_delivery",
    "seal_signature",
    "sign_with_code",
    "sweep_code_sheets",
    "sweep_deliveries",
    "take_code_sheet",
    "update_petition",
    "listing_json",
    "receipt_hash_page",
    "verification_summary",
    "withdraw",
]
