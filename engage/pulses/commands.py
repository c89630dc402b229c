"""The `/engage` slash command: the reply text for each subcommand."""

from datetime import datetime

from engage.digests.preferences import digest_reply
from engage.pulses.preferences import employee_by_slack_id, set_paused
from engage.pulses.stats import personal_stats

HELP = (
    "*/engage* commands:\n"
    "• `/engage pause`: stop your daily pulses until you resume\n"
    "• `/engage resume`: start them again\n"
    "• `/engage stats`: your streak and your answers\n"
    "• `/engage digest off` or `on`: your weekly digest of your teams (managers; HR: the organisation's)\n"
    "• `/engage help`: this message\n"
    "Your answers are confidential: managers and HR only see team figures for groups large enough "
    "that nobody can be singled out."
)
UNKNOWN_PERSON = (
    "I can't find you among engage's employees. Ask your engage admin to add you with the email "
    "address you use in Slack and run `flask engage sync-users`."
)


def engage_reply(slack_user_id: str, text: str, now: datetime) -> str:
    words = (text or "").strip().lower().split()
    sub = words[0] if words else "help"
    if sub == "help":
        return HELP
    if sub not in ("pause", "resume", "stats", "digest"):
        return f"I don't know `{sub}`.\n{HELP}"
    employee = employee_by_slack_id(slack_user_id)
    if employee is None:
        return UNKNOWN_PERSON
    if sub == "digest":
        return digest_reply(employee, words[1:])
    if sub == "pause":
        changed = set_paused(employee, True)
        return (
            "Pulses paused. Type `/engage resume` whenever you want them back."
            if changed
            else "Your pulses were already paused. `/engage resume` starts them again."
        )
    if sub == "resume":
        changed = set_paused(employee, False)
        return (
            "Welcome back: your pulses resume on your next working day."
            if changed
            else "Your pulses are already on."
        )
    stats = personal_stats(employee, now)
    lines = [f"*Your pulse stats*: {stats.answered} answers, current streak {stats.streak}."]
    if stats.average_30_days is not None:
        lines.append(f"Your average over the last 30 days: {stats.average_30_days:.2f} out of 5.")
    for answer in stats.recent:
        shown = "in words" if answer.score is None else f"{answer.score}/{answer.max_score}"
        lines.append(f"• {answer.day:%a %d %b}: {shown}: {answer.question}")
    if employee.pulse_paused:
        lines.append("Your pulses are paused; `/engage resume` starts them again.")
    return "\n".join(lines)
