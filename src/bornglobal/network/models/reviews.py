"""Reviews: left only on a completed contract, at most one each way.

The contract is the money app's escrow between a venture and a freelancer. The
venture (someone with the grant to run its contracts) reviews the freelancer; the
freelancer reviews the venture. `network.reviews` enforces when a review may be left.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from bornglobal.money.models import Escrow
from bornglobal.tenancy.models import Venture


class Direction(models.TextChoices):
    OF_FREELANCER = "of_freelancer", "client reviews the freelancer"
    OF_CLIENT = "of_client", "freelancer reviews the client"


class Review(models.Model):
    contract = models.ForeignKey(Escrow, on_delete=models.PROTECT, related_name="reviews")
    direction = models.CharField(max_length=13, choices=Direction.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews_written"
    )
    venture = models.ForeignKey(Venture, on_delete=models.PROTECT, related_name="reviews")
    freelancer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews_about"
    )
    stars = models.PositiveSmallIntegerField()
    text = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "direction"],
                                    name="review_once_each_way"),
            models.CheckConstraint(condition=Q(stars__gte=1) & Q(stars__lte=5),
                                   name="review_stars_1_to_5"),
            models.CheckConstraint(condition=Q(direction__in=Direction.values),
                                   name="review_direction_valid"),
        ]
        indexes = [
            models.Index(fields=["freelancer", "direction", "created_at"],
                         name="review_about_idx"),
        ]
