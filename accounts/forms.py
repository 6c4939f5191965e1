from django import forms
from django.contrib.auth import password_validation

from accounts.models import COHORT_ROLES, Cohort, Role, User
from core.validators import single_line


class InvitationForm(forms.Form):
    email = forms.EmailField(label="Email address")
    role = forms.ChoiceField(label="Role", choices=Role.choices, widget=forms.RadioSelect)
    cohort = forms.ModelChoiceField(
        label="Cohort",
        queryset=Cohort.objects.none(),
        required=False,
        help_text="Needed for fellows, facilitators and reviewers.",
    )
    name = forms.CharField(
        label="Full name", max_length=150, required=False, validators=[single_line]
    )
    organisation = forms.CharField(max_length=200, required=False, validators=[single_line])
    job_title = forms.CharField(
        label="Job title", max_length=200, required=False, validators=[single_line]
    )
    profession = forms.CharField(
        max_length=100,
        required=False,
        help_text="For example nurse, doctor, allied health professional or manager.",
        validators=[single_line],
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["cohort"].queryset = programme.cohorts.order_by("-starts_on")

    def clean(self):
        data = super().clean()
        role, cohort = data.get("role"), data.get("cohort")
        if role in COHORT_ROLES and cohort is None:
            self.add_error("cohort", "Choose the cohort this person will join")
        if role and role not in COHORT_ROLES:
            data["cohort"] = None
        return data


class AcceptInvitationForm(forms.Form):
    name = forms.CharField(label="Full name", max_length=150, validators=[single_line])
    password1 = forms.CharField(
        label="Create a password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 8 characters, not a common password and not only numbers.",
    )
    password2 = forms.CharField(
        label="Confirm your password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        self.fields["name"].initial = invitation.name

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Enter your full name")
        return name

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The passwords do not match")
        elif first:
            probe = User(email=self.invitation.email, name=data.get("name", ""))
            try:
                password_validation.validate_password(first, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class SignupForm(forms.Form):
    """allauth's sign-up (open only to applicants) asks for the person's name too."""

    name = forms.CharField(label="Full name", max_length=150, validators=[single_line])

    def signup(self, request, user) -> None:
        user.name = self.cleaned_data["name"].strip()
        user.save(update_fields=["name"])
