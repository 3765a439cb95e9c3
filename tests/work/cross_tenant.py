"""Venture B's work objects and request bodies for the API-wide cross-tenant test
(`tests/api/test_cross_tenant.py` calls every endpoint with B's ids)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from bornglobal.domain.money import Money
from bornglobal.money import services as money
from bornglobal.tenancy.actors import Actor
from bornglobal.work import assemble, handoffs, jobs_teams, milestones
from tests.work.factories import FreelancerFactory, ProjectFactory, RoleFactory, hired

V = "/api/v1/ventures/{venture_id}/work"
KEY = {"idempotency_key": "cross-1"}
WORK_BODIES = {
    ("post", f"{V}/projects"): {"title": "x", "budget": {"amount": "1.00", "currency": "EUR"}},
    ("post", f"{V}/projects/{{project_id}}/roles"): {"title": "x", "hours": 1},
    ("post", f"{V}/offers"): {
        "role_id": 1,
        "freelancer_email": "x@example.org",
        "title": "x",
        "milestones": [{"title": "m", "amount": {"amount": "1.00", "currency": "EUR"}}],
    },
    ("post", f"{V}/offers/{{offer_id}}/withdraw"): {},
    ("post", f"{V}/milestones/{{milestone_id}}/fund"): KEY,
    ("post", f"{V}/milestones/{{milestone_id}}/accept"): KEY,
    ("post", f"{V}/milestones/{{milestone_id}}/release-part"): {
        **KEY,
        "amount": {"amount": "1.00", "currency": "EUR"},
    },
    ("post", f"{V}/milestones/{{milestone_id}}/request-changes"): {"note": "x"},
    ("post", "/api/v1/me/work/offers/{offer_id}/accept"): {},
    ("post", "/api/v1/me/work/offers/{offer_id}/decline"): {"note": "x"},
    ("post", "/api/v1/me/work/milestones/{milestone_id}/start"): {},
    ("post", "/api/v1/me/work/milestones/{milestone_id}/submit"): {"note": "x"},
    ("post", "/api/v1/projects/{project_id}/assemble"): {},
    ("post", "/api/v1/projects/{project_id}/assemble/offers"): {
        "team": [{"role_id": 1, "profile_id": 1, "cost_minor": 1}]
    },
    ("post", "/api/v1/jobs/{job_id}/cancel"): {},
    ("post", "/api/v1/work/milestones/{milestone_id}/dispute"): {"reason": "x"},
    ("post", "/api/v1/work/milestones/{milestone_id}/dispute/evidence"): {"note": "x"},
    # The two multipart endpoints: the sweep posts JSON (which a party would be refused
    # with `multipart_required`); a stranger is answered 404 before the body is looked at.
    ("post", "/api/v1/me/work/milestones/{milestone_id}/submit-files"): {"note": "x"},
    ("post", "/api/v1/work/milestones/{milestone_id}/dispute/evidence-files"): {"note": "x"},
    ("post", "/api/v1/work/projects/{project_id}/tasks"): {"title": "x"},
    ("post", "/api/v1/work/tasks/{task_id}/handoff"): {"done": "x", "next": "y"},
    ("post", "/api/v1/work/tasks/{task_id}/done"): {},
    ("post", "/api/v1/me/work/contracts/{contract_id}/time"): {
        "started_local": "2026-06-15T09:00:00",
        "minutes": 30,
        "memo": "x",
    },
    ("post", f"{V}/contracts/{{contract_id}}/weeks/{{week_start}}/fund"): KEY,
    ("post", f"{V}/contracts/{{contract_id}}/weeks/{{week_start}}/approve"): KEY,
    ("post", f"{V}/contracts/{{contract_id}}/end"): KEY,
    ("post", "/api/v1/work/milestones/{milestone_id}/dispute/resolve"): {
        **KEY,
        "payee_share": {"amount": "1.00", "currency": "EUR"},
    },
}


def work_of_b(founder_b, venture_b) -> dict:
    """B's project with a role, a contract (its escrow funded from B's wallet) and a task."""
    role = RoleFactory(project=ProjectFactory(venture=venture_b), rate_ceiling_minor=None)
    money.deposit(Actor(founder_b), venture_b.id, Money.of("100.00", "EUR"), "b-work-dep")
    contract = hired(founder_b, role, FreelancerFactory(currency="EUR"), amounts=("10.00",))
    task = handoffs.create_task(
        Actor(founder_b), role.project_id, handoffs.TaskDraft("B's task")
    )
    item = contract.milestones.get(position=1)
    milestones.fund(Actor(founder_b), venture_b.id, item.id, "b-work-fund")
    milestones.start(Actor(contract.freelancer), item.id)
    upload = SimpleUploadedFile("b-secret.pdf", b"%PDF- B's deliverable")
    milestones.submit(Actor(contract.freelancer), item.id, "B's work", [upload])
    proposal = jobs_teams.start_proposal(
        Actor(founder_b), venture_b.id, role.project_id, assemble.Settings()
    )
    return {
        "task_id": task.id,
        "project_id": role.project_id,
        "offer_id": contract.offer_id,
        "contract_id": contract.id,
        "week_start": "2026-06-15",
        "attachment_id": item.attachments.get().id,
        "job_id": proposal.id,
    }
