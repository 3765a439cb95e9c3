"""The ESCO skills taxonomy, as loaded from the file the package ships."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class Skill(models.Model):
    """One ESCO skill or knowledge concept, loaded from the file the package ships."""

    class Kind(models.TextChoices):
        SKILL = "skill", "skill/competence"
        KNOWLEDGE = "knowledge", "knowledge"

    esco_id = models.CharField(max_length=36, help_text="the UUID part of the ESCO concept URI")
    label = models.CharField(max_length=200, help_text="ESCO preferred label (English)")
    alt_labels = models.TextField(blank=True, help_text='alternative labels, joined with "|"')
    kind = models.CharField(max_length=9, choices=Kind.choices, default=Kind.SKILL)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["label"]
        constraints = [
            models.UniqueConstraint(fields=["esco_id"], name="skill_esco_id_unique"),
            models.CheckConstraint(
                condition=Q(kind__in=["skill", "knowledge"]), name="skill_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(label=""), name="skill_label_not_empty"),
        ]
        indexes = [models.Index(fields=["label"], name="skill_label_idx")]

    def __str__(self) -> str:
        return self.label

    @property
    def uri(self) -> str:
        return f"http://data.europa.eu/esco/skill/{self.esco_id}"

    @property
    def alt_label_list(self) -> list[str]:
        return [label for label in self.alt_labels.split("|") if label]
