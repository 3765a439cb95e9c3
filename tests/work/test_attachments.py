"""Files on deliverables and on dispute evidence: stored with their hash, listed on the
timeline, downloaded only by the contract's parties (and the mediator for evidence),
refused whole when too many, too large or empty."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bornglobal.domain.errors import DomainError, NotFound
from bornglobal.tenancy import services as tenancy_services
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import AuditEvent
from bornglobal.work import attachments, disputes, milestones
from bornglobal.work.models import ContractEvent, ContractMilestone
from bornglobal.work.models_files import Attachment
from tests.factories import MembershipFactory, UserFactory, VentureFactory
from tests.work.factories import hired

PDF = b"%PDF-1.7 the firmware report"


@pytest.fixture
def media(settings, tmp_path):
    """Uploads go to a folder of this test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _stored(media) -> list:
    return sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []


def _started(kestrel, priya):
    contract = hired(kestrel["founder"], kestrel["role"], priya, amounts=("900.00",))
    item = contract.milestones.get()
    milestones.fund(Actor(kestrel["founder"]), kestrel["venture"].id, item.id, "fund-1")
    milestones.start(Actor(priya), item.id)
    return contract, item


def _upload(name="report.pdf", content=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def _submitted_with_file(kestrel, priya):
    contract, item = _started(kestrel, priya)
    milestones.submit(Actor(priya), item.id, "Port done", [_upload()])
    return contract, item, Attachment.objects.get(milestone=item)


def test_a_submission_stores_its_files_with_their_hash_and_the_timeline_lists_them(
    client, kestrel, priya, media
):
    # given a started milestone
    contract, item = _started(kestrel, priya)
    # when the freelancer submits a note and two files, one with a path in its name
    files = [_upload(), _upload("../../etc/notes v2.txt", b"flash at 0x8000", "text/html")]
    milestones.submit(Actor(priya), item.id, "Port done", files)
    # then both are stored with size, SHA-256 and a safe name, on the submission line
    event = ContractEvent.objects.get(milestone=item, name="deliverable_submitted")
    report, notes = Attachment.objects.filter(event=event).order_by("id")
    assert (report.name, report.size) == ("report.pdf", len(PDF))
    assert report.sha256 == hashlib.sha256(PDF).hexdigest()
    assert notes.name == "notes_v2.txt" and notes.content_type == "text/plain"
    assert report.file.name.startswith(f"work/{contract.id}/")
    assert report.file.name.endswith("/report.pdf") and ".." not in notes.file.name
    assert len(_stored(media)) == 2
    # and the audit record keeps each file's name, size and hash
    audit = AuditEvent.objects.get(action="work.deliverable_submitted")
    assert {"name": "report.pdf", "size": len(PDF), "sha256": report.sha256} in audit.summary[
        "after"
    ]["files"]
    # and the contract page's timeline links them with their size
    client.force_login(kestrel["founder"])
    page = client.get(f"/ventures/{kestrel['venture'].id}/work/contracts/{contract.id}/")
    html = page.content.decode()
    assert f"/work/files/{report.id}/" in html and "report.pdf" in html
    assert "28\xa0bytes" in html or "28 bytes" in html


def test_the_freelancer_and_the_venture_download_and_everyone_else_gets_404(
    client, kestrel, priya, media
):
    # given a submitted deliverable with a file
    _, _, report = _submitted_with_file(kestrel, priya)
    url = f"/work/files/{report.id}/"
    # when the freelancer and the founder download it
    for person in (priya, kestrel["founder"]):
        client.force_login(person)
        response = client.get(url)
        # then they get the bytes, as an attachment that is never sniffed
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"].startswith("attachment;")
        assert 'filename="report.pdf"' in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
    # and a stranger, another venture's founder and a member who may not see money get 404
    other = UserFactory()
    MembershipFactory(user=other, venture=VentureFactory(), role="owner")
    member = UserFactory()
    MembershipFactory(user=member, venture=kestrel["venture"], role="member")
    for person in (UserFactory(), other, member):
        client.force_login(person)
        assert client.get(url).status_code == 404
        with pytest.raises(NotFound):
            attachments.for_download(Actor(person), report.id)


@pytest.mark.parametrize(
    ("files", "code"),
    [
        ([_upload("big.bin", b"x" * (1024 * 1024 + 1))], "file_too_large"),
        ([_upload(f"{n}.txt", b"x") for n in range(4)], "too_many_files"),
        ([_upload(), _upload("empty.txt", b"")], "empty_file"),
    ],
)
def test_refused_files_leave_nothing_behind(kestrel, priya, media, settings, files, code):
    # given limits of 1 MB and 3 files, and a started milestone
    settings.MAX_ATTACHMENT_MB, settings.MAX_ATTACHMENTS = 1, 3
    _, item = _started(kestrel, priya)
    # when the freelancer submits files that break a limit
    with pytest.raises(DomainError) as refused:
        milestones.submit(Actor(priya), item.id, "Port done", files)
    # then the whole submission is refused with the code, and nothing is written
    assert refused.value.code == code
    item.refresh_from_db()
    assert item.state == "in_progress"
    assert not Attachment.objects.exists() and _stored(media) == []


def test_a_failure_after_the_files_were_stored_deletes_them(kestrel, priya, media, monkeypatch):
    # given a started milestone, and scheduling the auto-release fails
    _, item = _started(kestrel, priya)

    def broken(_item):
        raise RuntimeError("the task queue is down")

    monkeypatch.setattr(milestones, "_schedule_auto_release", broken)
    # when the freelancer submits with files
    with pytest.raises(RuntimeError):
        milestones.submit(Actor(priya), item.id, "Port done", [_upload(), _upload("b.txt")])
    # then the transaction rolled back and the stored files were deleted again
    assert not Attachment.objects.exists() and _stored(media) == []
    assert ContractMilestone.objects.get(id=item.id).state == "in_progress"


def test_a_stranger_is_refused_before_any_file_is_read(kestrel, priya, media):
    # given a started milestone and someone outside the contract
    _, item = _started(kestrel, priya)
    # when they submit a file that would break the limits anyway
    # then they are told the milestone does not exist, and nothing is stored
    with pytest.raises(NotFound):
        milestones.submit(Actor(UserFactory()), item.id, "mine", [_upload("e.txt", b"")])
    with pytest.raises(NotFound):
        disputes.add_evidence(Actor(UserFactory()), item.id, "mine", [_upload()])
    assert _stored(media) == []


def test_evidence_files_in_a_dispute_are_visible_to_the_mediating_operator(
    client, kestrel, priya, media
):
    # given a disputed milestone
    _, item, submission_file = _submitted_with_file(kestrel, priya)
    disputes.open_dispute(Actor(kestrel["founder"]), item.id, "Two boards fail")
    # when the freelancer adds evidence with a file through the dispute page
    client.force_login(priya)
    upload = _upload("test-log.txt", b"all boards pass", "text/plain")
    client.post(f"/work/disputes/{item.id}/evidence/", {"note": "Test log", "files": [upload]})
    evidence = Attachment.objects.get(event__name=disputes.EVIDENCE)
    # then the operator sees it on the dispute page and downloads it
    operator = UserFactory(is_staff=True)
    client.force_login(operator)
    page = client.get(f"/work/disputes/{item.id}/").content.decode()
    assert f"/work/files/{evidence.id}/" in page and "test-log.txt" in page
    response = client.get(f"/work/files/{evidence.id}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"all boards pass"
    # but not the deliverable's own files, which are the parties' alone
    assert client.get(f"/work/files/{submission_file.id}/").status_code == 404


def test_the_api_takes_a_multipart_submission_and_serves_the_download(
    client, kestrel, priya, media
):
    # given a started milestone and the freelancer's API token
    _, item = _started(kestrel, priya)
    secret = tenancy_services.issue_token(Actor(priya), "cli", None).secret
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    # when she posts a note and two files as multipart
    response = client.post(
        f"/api/v1/me/work/milestones/{item.id}/submit-files",
        {"note": "Port done", "files": [_upload(), _upload("log.txt", b"ok")]},
        **auth,
    )
    # then the milestone is submitted and the answer lists the files with their hashes
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["state"] == "submitted"
    assert [f["name"] for f in body["attachments"]] == ["report.pdf", "log.txt"]
    assert body["attachments"][0]["sha256"] == hashlib.sha256(PDF).hexdigest()
    # and the download answers the bytes as an attachment
    download = client.get(body["attachments"][0]["url"], **auth)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    # and the contract's files are listed for the founder, 404 for another venture's
    client.force_login(kestrel["founder"])
    listed = client.get(f"/api/v1/work/contracts/{item.contract_id}/attachments")
    assert [f["id"] for f in listed.json()] == [f["id"] for f in body["attachments"]]
    other = UserFactory()
    MembershipFactory(user=other, venture=VentureFactory(), role="owner")
    client.force_login(other)
    assert client.get(body["attachments"][0]["url"]).status_code == 404
    assert client.get(f"/api/v1/work/contracts/{item.contract_id}/attachments").status_code == 404


def test_the_api_refuses_an_empty_file_with_its_code(client, kestrel, priya, media):
    # given a started milestone
    _, item = _started(kestrel, priya)
    client.force_login(priya)
    # when an empty file is posted
    response = client.post(
        f"/api/v1/me/work/milestones/{item.id}/submit-files",
        {"note": "Port done", "files": [_upload("empty.txt", b"")]},
    )
    # then it is refused with the code and nothing moves
    assert response.status_code == 400 and response.json()["code"] == "empty_file"
    assert not Attachment.objects.exists()


def test_the_api_refuses_json_on_the_multipart_endpoint(client, kestrel, priya, media):
    # given a started milestone
    _, item = _started(kestrel, priya)
    client.force_login(priya)
    # when the note is sent as JSON, where a form is expected
    response = client.post(
        f"/api/v1/me/work/milestones/{item.id}/submit-files",
        {"note": "Port done"},
        content_type="application/json",
    )
    # then it is refused rather than submitted without its note
    assert response.status_code == 400 and response.json()["code"] == "multipart_required"
    item.refresh_from_db()
    assert item.state == "in_progress"


def test_the_api_adds_evidence_with_files(client, kestrel, priya, media):
    # given a disputed milestone
    _, item = _started(kestrel, priya)
    disputes.open_dispute(Actor(priya), item.id, "No answer")
    client.force_login(kestrel["founder"])
    # when the founder adds evidence with a file
    response = client.post(
        f"/api/v1/work/milestones/{item.id}/dispute/evidence-files",
        {"note": "Board photos", "files": [_upload("photo.jpg", b"\xff\xd8\xff")]},
    )
    # then it is on the evidence line
    assert response.status_code == 201, response.content
    assert response.json()["attachments"][0]["content_type"] == "image/jpeg"


def test_the_freelancer_submits_a_file_through_the_page_form(client, kestrel, priya, media):
    # given the freelancer's contracts page with a started milestone
    contract, item = _started(kestrel, priya)
    client.force_login(priya)
    page = client.get("/me/work/").content.decode()
    assert 'enctype="multipart/form-data"' in page and 'name="files"' in page
    # when she posts the submit form with a note and a file
    client.post(f"/me/work/milestones/{item.id}/submit/", {"note": "Done", "files": [_upload()]})
    # then the milestone is submitted with the file, which her contract page links
    item.refresh_from_db()
    assert item.state == "submitted"
    report = Attachment.objects.get(milestone=item)
    html = client.get(f"/me/work/contracts/{contract.id}/").content.decode()
    assert f"/work/files/{report.id}/" in html


def test_a_refused_file_on_the_page_is_a_message(client, kestrel, priya, media, settings):
    # given a 1 MB limit
    settings.MAX_ATTACHMENT_MB = 1
    _, item = _started(kestrel, priya)
    client.force_login(priya)
    # when a larger file is posted through the form
    big = _upload("big.bin", b"x" * (1024 * 1024 + 1))
    response = client.post(
        f"/me/work/milestones/{item.id}/submit/", {"note": "Done", "files": [big]}, follow=True
    )
    # then the page says why, and nothing is stored
    assert "file_too_large" in response.content.decode()
    assert _stored(media) == []


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\me\\Report final.pdf", "Report_final.pdf"),
        ("..", "file"),
        (".htaccess", "htaccess"),
        ("a\x00b\n.txt", "ab.txt"),
        ("x" * 300 + ".tar.gz", "x" * 197 + ".gz"),
    ],
)
def test_names_are_sanitised(raw, safe):
    assert attachments.safe_name(raw) == safe
