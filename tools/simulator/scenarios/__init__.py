"""The bundled scenarios: one module per scenario, each a ``build_<name>(seed) -> Sim``."""

from __future__ import annotations

from collections.abc import Callable

from tools.simulator.chatter import Sim
from tools.simulator.scenarios.demo import build_demo
from tools.simulator.scenarios.influencer_complaint import build_influencer_complaint
from tools.simulator.scenarios.quiet_day import build_quiet_day
from tools.simulator.scenarios.slow_burn_echo import build_slow_burn_echo
from tools.simulator.scenarios.two_incidents import build_two_incidents
from tools.simulator.scenarios.velocity_spike_reddit import build_velocity_spike_reddit
from tools.simulator.scenarios.viral_praise import build_viral_praise

DEMO_SEED = 20261120
SCENARIO_BASE_SEED = 4100
# name -> offset added to the base seed; each scenario has its own seed and its own shape.
SCENARIOS = {
    "quiet_day": 11,
    "viral_praise": 23,
    "slow_burn_echo": 37,
    "influencer_complaint": 41,
    "velocity_spike_reddit": 53,
    "two_incidents": 67,
}

BUILDERS: dict[str, Callable[[int], Sim]] = {
    "quiet_day": build_quiet_day,
    "viral_praise": build_viral_praise,
    "slow_burn_echo": build_slow_burn_echo,
    "influencer_complaint": build_influencer_complaint,
    "velocity_spike_reddit": build_velocity_spike_reddit,
    "two_incidents": build_two_incidents,
}

__all__ = ["BUILDERS", "DEMO_SEED", "SCENARIOS", "SCENARIO_BASE_SEED", "build_demo"]
