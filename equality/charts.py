"""Charts as plain data for a server-rendered SVG template (`templates/equality/_bar_chart.html`).

No charting library: a horizontal bar chart is a few rectangles, and drawing it in a Django
template keeps every label escaped by the template engine, needs no JavaScript and no new
dependency, and lets the SVG carry its own <title> and <desc> with the same figures as the
data table printed beside it (so the chart is accessible by construction)."""

from dataclasses import dataclass

WIDTH = 600
LABEL_WIDTH = 230
BAR_HEIGHT = 24
GAP = 10


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: int
    text_x: int


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    bars: list[Bar]
    height: int
    label_width: int = LABEL_WIDTH
    value_heading: str = "Number"

    @property
    def empty(self) -> bool:
        return not any(bar.value for bar in self.bars)


def bar_chart(id: str, title: str, figures: list[tuple[str, int]], *, unit: str = "") -> Chart:
    """Bars scaled to the largest figure; the description says every figure in words."""
    largest = max((value for _label, value in figures), default=0) or 1
    room = WIDTH - LABEL_WIDTH - 60
    bars = []
    for number, (label, value) in enumerate(figures):
        width = round(room * value / largest)
        y = GAP + number * (BAR_HEIGHT + GAP)
        bars.append(Bar(label, value, y, width, LABEL_WIDTH + width + 6))
    words = "; ".join(f"{label}: {value}{unit}" for label, value in figures) or "no figures"
    return Chart(
        id=id,
        title=title,
        description=f"{title}. {words}.",
        bars=bars,
        height=GAP + len(bars) * (BAR_HEIGHT + GAP),
    )
