"""A question of an application form: its kind, wording, limits and choices."""

from django import forms

from recruitment.models import Question


class QuestionForm(forms.ModelForm):
    choices = forms.CharField(
        label="Choices",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text="Single and multiple choice only: one choice on each line.",
    )

    class Meta:
        model = Question
        fields = ["kind", "text", "help_text", "required", "word_limit", "hidden_from_reviewers"]
        labels = {
            "kind": "Type of question",
            "text": "Question",
            "help_text": "Hint",
            "required": "Applicants must answer this question",
            "word_limit": "Word limit",
            "hidden_from_reviewers": "Hide the answer from reviewers",
        }
        help_texts = {
            "help_text": "Optional. Shown under the question.",
            "word_limit": "Long text only.",
            "hidden_from_reviewers": "For example the applicant's name or organisation in a "
            "blind round.",
        }
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["choices"] = "\n".join(self.instance.choices)

    def clean_choices(self):
        return self.cleaned_data["choices"].splitlines()

    def clean(self):
        data = super().clean()
        if data.get("kind") == Question.Kind.LONG and not data.get("word_limit"):
            self.add_error("word_limit", "Give long text questions a word limit")
        return data

    def _post_clean(self):
        # The service builds and checks the question; the form only parses.
        pass

    @property
    def question_fields(self) -> dict:
        return dict(self.cleaned_data)
