"""The lead's annual monitoring returns of the duty modules (equality/monitoring_returns.py):
the page, and the same return as CSV and PDF."""

from django.http import Http404
from django.shortcuts import render

from eia.authorization import Permission
from eia.models import Organisation
from eia.pdf_http import inline_pdf
from eia.register.exports import csv_response

from .. import monitoring_returns
from .common import require

REFUSAL = "Only the equality lead compiles the monitoring returns."


def _organisation(request) -> Organisation:
    return Organisation.objects.get(pk=require(request, Permission.LEAD_ASSESSMENTS, REFUSAL))


def _found(request, module: str, year: int):
    organisation = _organisation(request)
    found = monitoring_returns.monitoring_return(
        organisation=organisation, module_id=module, year=year
    )
    if found is None:
        raise Http404
    return organisation, found


def returns(request):
    organisation = _organisation(request)
    modules = [
        (module, monitoring_returns.current_year(module))
        for module in monitoring_returns.modules_with_returns(organisation)
    ]
    return render(request, "equality/monitoring_returns.html", {"modules": modules})


def monitoring_return(request, module: str, year: int):
    _organisation_, found = _found(request, module, year)
    return render(request, "equality/monitoring_return.html", {"found": found})


def monitoring_return_csv(request, module: str, year: int):
    _organisation_, found = _found(request, module, year)
    return csv_response(f"{module}-{year}.csv", list(found.header), found.rows)


def monitoring_return_pdf(request, module: str, year: int):
    organisation, found = _found(request, module, year)
    return inline_pdf(monitoring_returns.pdf(found, organisation.name), f"{module}-{year}")
