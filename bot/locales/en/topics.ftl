## Topics (issue 26): /close, the topic opened again, a new topic after a long-closed one

close-done = ✓ Topic closed: the client leaves /open, and nobody is reminded of their messages. Their next message opens the topic again.{ $open ->
    [0] {""}
   *[other] {" "}Their open requests ({ $ids }) stay in work: the news promise still holds for them.
}
close-already = The topic is already closed. The client's next message opens it again.
close-no-arguments = /close takes nothing after it: write it alone in the client's topic.
topic-reopened = 🔓 The client wrote again — the topic is open.
topic-new-after-closed = 🔓 The client wrote again. Their previous topic was closed { $days ->
    [0] today
    [one] { $days } day ago
   *[other] { $days } days ago
}; the conversation goes on here; { $previous }.
topic-previous = the previous conversation
digest-conversations = Open conversations: { $open }

## Spam waves: new clients' topics waiting their turn (NEW_TOPICS_PER_MINUTE)

topics-wave = ⏳ { $count ->
    [one] { $count } new client is waiting for a topic
   *[other] { $count } new clients are waiting for topics
}: we open at most { $limit } a minute, so a wave of new ones does not hold up the clients you are already talking to. Nothing they wrote is lost — it appears in their topics in turn.
