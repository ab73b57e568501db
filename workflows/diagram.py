"""The process diagram, generated from the state machine's transition table.

Nothing here lists the moves by hand: states come from eia.models.State (in their declared order)
and edges from django-fsm's introspection of Assessment's transitions, including every target a
RETURN_VALUE transition may choose (each with its own label when the transition gives one per
target in custom={"labels": ...}). The page shows the SVG and, for anyone who cannot see it, an
ordered text description built from the same edges.
"""

from dataclasses import dataclass
from html import escape

from django_fsm import RETURN_VALUE

from eia.models import Assessment, State

SIDE_STATES = (State.WITHDRAWN,)
MAIN_STATES = tuple(state for state in State if state not in SIDE_STATES)


@dataclass(frozen=True)
class Move:
    name: str
    source: State
    target: State
    label: str  # from the transition's custom={"label": ...}


def moves() -> list[Move]:
    field = Assessment._meta.get_field("state")
    found = []
    for transition in field.get_all_transitions(Assessment):
        targets = (
            transition.target.allowed_states
            if isinstance(transition.target, RETURN_VALUE)
            else [transition.target]
        )
        for target in targets:
            # A transition with several targets may say each in its own words.
            label = transition.custom.get("labels", {}).get(target) or transition.custom.get(
                "label", ""
            )
            found.append(Move(transition.name, State(transition.source), State(target), label))
    order = list(State)
    found.sort(key=lambda m: (order.index(m.source), order.index(m.target), m.name))
    return found


@dataclass(frozen=True)
class StageDescription:
    state: State
    current: bool
    done: bool
    moves: list[Move]


def describe(current: str | None) -> list[StageDescription]:
    """The text equivalent: each stage in order with where it can go next."""
    all_moves = moves()
    order = list(MAIN_STATES)
    current_index = order.index(current) if current in order else -1
    return [
        StageDescription(
            state=state,
            current=state == current,
            done=current_index > order.index(state) if state in order else False,
            moves=[m for m in all_moves if m.source == state],
        )
        for state in State
    ]


BOX_W, BOX_H, GAP = 230, 40, 26
MAIN_X, SIDE_X = 90, 440
TOP = 20


def _y(index: int) -> int:
    return TOP + index * (BOX_H + GAP)


def render_svg(current: str | None, *, title_id: str = "process-diagram-title") -> str:
    """An SVG with the current stage highlighted (by fill, a thicker border and bold text)."""
    positions = {state: (MAIN_X, _y(i)) for i, state in enumerate(MAIN_STATES)}
    middle = (_y(0) + _y(len(MAIN_STATES) - 1)) // 2
    for state in SIDE_STATES:
        positions[state] = (SIDE_X, middle)
    height = _y(len(MAIN_STATES)) + TOP
    width = SIDE_X + BOX_W + 20
    current_label = State(current).label if current in State.values else "none"
    parts = [
        f'<svg class="app-diagram" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} '
        f'{height}" width="{width}" height="{height}" role="img" aria-labelledby="{title_id}">',
        f'<title id="{title_id}">Process diagram. Current stage: {escape(current_label)}. '
        "A text description follows the diagram.</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker>'
        "</defs>",
    ]
    order = list(MAIN_STATES)
    for move in moves():
        parts.append(_edge(move, positions, order))
    for state, (x, y) in positions.items():
        css = "app-diagram__stage"
        if state == current:
            css += " app-diagram__stage--current"
        parts.append(
            f'<g class="{css}"><rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="6"/>'
            f'<text x="{x + BOX_W / 2}" y="{y + BOX_H / 2 + 5}" text-anchor="middle">'
            f"{escape(state.label)}{' (now)' if state == current else ''}</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _edge(move: Move, positions, order) -> str:
    sx, sy = positions[move.source]
    tx, ty = positions[move.target]
    if move.target in SIDE_STATES:
        # Withdrawal: a short line from the box's right side to the side column.
        return (
            f'<path class="app-diagram__edge" d="M{sx + BOX_W},{sy + BOX_H / 2} '
            f"C{sx + BOX_W + 60},{sy + BOX_H / 2} {tx - 60},{ty + BOX_H / 2} "
            f'{tx},{ty + BOX_H / 2}" marker-end="url(#arrow)"/>'
        )
    span = order.index(move.target) - order.index(move.source)
    if span == 1:
        return (
            f'<path class="app-diagram__edge" d="M{sx + BOX_W / 2},{sy + BOX_H} '
            f'L{tx + BOX_W / 2},{ty}" marker-end="url(#arrow)"/>'
        )
    if span > 1:  # a forward jump: an arc on the right of the column
        bend = sx + BOX_W + 14 * span
        return (
            f'<path class="app-diagram__edge" d="M{sx + BOX_W},{sy + BOX_H * 0.7} '
            f"C{bend},{sy + BOX_H * 0.7} {bend},{ty + BOX_H * 0.3} {tx + BOX_W},{ty + BOX_H * 0.3}"
            f'" marker-end="url(#arrow)"/>'
        )
    bend = sx - 14 * abs(span) - 10  # a return loop: a dashed arc on the left
    return (
        f'<path class="app-diagram__edge app-diagram__edge--return" d="M{sx},{sy + BOX_H / 2} '
        f'C{bend},{sy + BOX_H / 2} {bend},{ty + BOX_H / 2} {tx},{ty + BOX_H / 2}" '
        f'marker-end="url(#arrow)"/>'
    )
