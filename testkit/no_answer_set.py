"""Questions `seeds/` cannot answer (each key term checked absent from every seed with grep), mixed with
questions it can: the calibration set for "I found nothing" (issue #7)."""

UNANSWERABLE = [
    # people no seed names
    "who is Elon Musk", "who is Taylor Swift", "who is Pope Francis", "who is Boris Johnson", "who is Roger Federer",
    "who is Serena Williams", "who is Cristiano Ronaldo", "who is Mark Zuckerberg", "who is Jeff Bezos",
    "who is Jack Ma", "who is Li Qiang", "who is Tsai Ing-wen", "who is Lai Ching-te", "who is Angela Merkel",
    "who is Olaf Scholz", "who is Lionel Messi", "who is Jacinda Ardern", "who is Greta Thunberg",
    # topics no seed covers
    "cricket world cup final", "tennis grand slam results", "premier league football transfers",
    "NBA basketball playoffs", "Oscar nominations", "Grammy awards winners", "Netflix subscriber growth",
    "iPhone sales", "Tesla factory output", "cryptocurrency regulation", "stock market crash",
    "Federal Reserve interest rate decision", "housing market prices", "pension reform strikes",
    "asteroid passing near Earth", "dinosaur fossils discovered", "heatwave in Europe", "measles outbreak",
    "malaria vaccine rollout", "Eurovision song contest", "Champions League final", "Brexit trade deal",
    "bitcoin price",
]

ANSWERABLE = [
    "who is Kurt Campbell", "who is Jake Sullivan", "who is Wang Yi", "who is Qin Gang", "who is Daniel Kritenbrink",
    "who is Karine Jean-Pierre", "who is John Kirby", "who is Antony Blinken", "who is Xi Jinping",
    "who is Wendy Sherman", "tensions taiwan", "spy balloon", "AUKUS submarines", "fentanyl cooperation",
    "export controls on semiconductors", "why did Blinken postpone his trip", "what did Biden and Xi agree in Woodside",
    "military communication channels", "human rights in Xinjiang", "Quad vaccine partnership", "South China Sea",
    "climate cooperation with China", "outbound investment executive order", "G7 statement on the Taiwan Strait",
    "Camp David summit Japan Korea", "Sherman visit to Tianjin", "Sullivan meeting Wang Yi in Vienna",
    "Pacific Islands travel", "Solomon Islands", "what is the Taiwan Initiative on 21st-Century Trade",
]
