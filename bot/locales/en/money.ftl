## The money of a deal (bot/services/money): payments, offers, a report's price against the budget.

money-summary = { $state ->
        [due] 💰 Paid { $paid } of { $offered }, { $remaining } remaining.
        [settled] 💰 Paid { $paid } of { $offered } — paid in full.
        [over] 💰 Paid { $paid } against { $offered }: { $remaining } more.
       *[none] 💰 Paid: { $paid }.
    }
card-money = { $summary }
money-button-pay = 💳 Pay
money-odd-digits = Write the sum in plain digits 0–9, e.g. /paid 150 000 deposit
amount-invalid = Could not read the sum: one sum in roubles is needed, e.g. 150 000 or 1.85 mln.
amount-out-of-range = That sum looks like a typo: from 1 to { $most } ₽.

paid-usage = Format: /paid #number sum what-for, e.g. /paid 150 000 deposit
paid-needs-what = Write what the payment is for after the sum, e.g. /paid 150 000 deposit
paid-what-too-long = “What for” is too long: { $most } characters at most.
paid-cancelled = Request #{ NUMBER($id, useGrouping: 0) } is cancelled: no payment is recorded on it. If the deal is back on, move its stage first: /stage #{ NUMBER($id, useGrouping: 0) } stage
paid-done = ✅ Payment of { $amount } ({ $what }) recorded on request #{ NUMBER($id, useGrouping: 0) }; the client got a receipt.
    { $summary }
paid-correction-done = ✅ Correction of −{ $amount } ({ $what }) recorded on request #{ NUMBER($id, useGrouping: 0) }; the client got a receipt.
    { $summary }
paid-correction-too-big = A correction of { $amount } is more than was paid on request #{ NUMBER($id, useGrouping: 0) } ({ $paid }): nothing recorded.
paid-receipt = 🧾 Payment received: <b>{ $amount }</b> — { $what }.
    Request #{ NUMBER($id, useGrouping: 0) }, { $car }.
paid-correction-receipt = 🧾 We corrected a payment record: <b>−{ $amount }</b> — { $what }.
    Request #{ NUMBER($id, useGrouping: 0) }, { $car }.
paid-stats = 💳 <b>Payments on requests</b> in the period: { $total } ({ $count } records): { $kinds }

money-subject-deal = Request
money-subject-order = Work order
money-kind-deposit = Deposit
money-kind-purchase = Car purchase
money-kind-fee = Fee
money-kind-delivery = Delivery
money-kind-other = Other
money-kind-correction = Correction
export-caption-payments = 💳 Payments recorded in { $period } (/paid). Rows: { $rows }
export-col-payment = Payment #
export-col-paid-at = When
export-col-paid-for = Paid for
export-col-paid-for-number = Number
export-col-amount = Sum, ₽
export-col-payment-kind = Kind
export-col-payment-what = As the manager wrote it
export-caption-offers = 📝 Offers made in { $period } (/offer): each version and its acceptance. Rows: { $rows }
export-col-offer = Offer #
export-col-offer-version = Version
export-col-accepted-at = Accepted
export-col-accepted-via = Accepted through
export-col-lapsed-at = Lapsed

offer-usage = The offer's format (the first line is the car, then the fields in any order):
    /offer Toyota RAV4, 2019, white
    Price: 2 150 000
    Fee: 100 000
    Included: inspection, delivery to Moscow, paperwork
    Deposit: 100 000
    Terms: deposit within 3 days, the rest on handover
    Valid until: 20.12.2026
offer-no-car = The offer's first line is the car, e.g. /offer Toyota RAV4, 2019. Format: /offer with no text.
offer-bad-line = Could not read the line “{ $line }”. Fields: Price, Fee, Included, Deposit, Terms, Valid until. Format: /offer with no text.
offer-twice = A field is given twice: “{ $line }”.
offer-missing = The offer lacks: { $fields }. Format: /offer with no text.
offer-too-long = An offer's field is too long: { $most } characters at most.
offer-deposit-over = The deposit is more than the offer (price and fee). Check the figures.
offer-bad-date = Could not read the date in “Valid until”: write DD.MM.YYYY, e.g. 20.12.2026.
offer-date-past = The date in “Valid until” has passed.
offer-date-far = The date in “Valid until” is more than a year away: check it.
offer-deal-ended = Request #{ NUMBER($id, useGrouping: 0) } is at stage “{ $stage }”: no offer is sent on it.
offer-sent = 📄 Offer on request #{ NUMBER($id, useGrouping: 0) } (version { $version }) sent to the client: { $total } in total, valid until { $until }.
offer-text = 📄 <b>Offer on request #{ NUMBER($id, useGrouping: 0) }</b> (version { $version })
    🚗 Car: { $car }
    💰 Car price: { $price }
    🤝 Our fee: { $fee }
    <b>Total: { $total }</b>
    ✅ The price includes: { $included }
    💳 Deposit: { $deposit }
    📋 Terms: { $terms }
    ⏳ The offer is valid until { $until } inclusive.
    If it suits you, press “Accept”; if you have questions, “Question”.
offer-changed = ✏️ We changed the offer. What changed:
offer-change-line = • { $field }: was { $old }, now { $new }
offer-change-none = • the terms are the same; the offer itself was renewed
offer-field-car = Car
offer-field-price = Car price
offer-field-fee = Fee
offer-field-included = The price includes
offer-field-deposit = Deposit
offer-field-terms = Terms
offer-field-valid_until = Valid until
offer-button-accept = ✅ Accept
offer-button-question = ❓ Question
offer-accepted = ✅ Thank you, you accepted the offer (version { $version }). { $has_deposit ->
        [yes] The next step is the deposit of { $deposit }: your manager will tell you how to pay it.
       *[no] Your manager will be in touch about the next step.
    }
offer-already-accepted = You have already accepted this offer (version { $version }). Your manager is on it.
offer-outdated = We have changed this offer since. Here is the current one (version { $version }):
offer-lapsed-client = This offer expired on { $until }. Your manager will prepare a new one: write to them if you need it.
offer-question = Write your question here and your manager will answer.
offer-accepted-topic = ✅ The client accepted the offer on request #{ NUMBER($id, useGrouping: 0) } (version { $version }, { $total } in total, via { $channel }).
offer-question-topic = ❓ The client has a question about the offer on request #{ NUMBER($id, useGrouping: 0) } (version { $version }): their message follows.
offer-question-text = ❓ The client's question on the offer for request #{ NUMBER($id, useGrouping: 0) } (version { $version }): { $text }
offer-lapsed-topic = ⌛ The offer on request #{ NUMBER($id, useGrouping: 0) } (version { $version }) lapsed on { $until } without the client's acceptance. A new one: /offer #{ NUMBER($id, useGrouping: 0) } …

report-held = ⏸ Report #{ NUMBER($number, useGrouping: 0) } is waiting: the price { $price } is over the client's budget { $budget } by { $over }% (tolerance { $tolerance }%). It goes to the client once you confirm it and say why: /overbudget reason. Photos may still follow.
report-price-unread = Could not read the price “{ $value }”, so it was not compared with the client's budget. Write it like: Price: 1 850 000
report-none-held = Request #{ NUMBER($id, useGrouping: 0) } has no report waiting for its price to be confirmed.
report-over-needs-reason = Say why the car costs more than the budget: /overbudget reason. The client reads it beside the price.
report-over-too-long = The reason is too long: { $most } characters at most.
report-released = ✅ Report #{ NUMBER($number, useGrouping: 0) } goes to the client with the reason in { $seconds } s.
report-budget = { $state ->
        [over] 💰 Price { $price } against your budget of { $budget }: { $over }% over.
       *[within] 💰 Price { $price } — within your budget of { $budget }.
    }
report-budget-reason = Why it costs more: { $reason }

stats-within-budget = Handed over within the budget
stats-overrun = Over the budget (median)
stats-basis-overruns = { $n ->
    [one] { $n } handover over the budget
   *[other] { $n } handovers over the budget
}
