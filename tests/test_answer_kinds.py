"""The kind of answer a question wants, and whether a sentence holds one (core/answer_kinds.py), on sentences and
questions from the seeds and the BBC: a sentence that only repeats what the question gives is not an answer."""
from __future__ import annotations

import pytest

from core.answer_kinds import holds, wanted


@pytest.mark.parametrize("question, kind", [
    ("How many Virginia-class submarines does the U.S. plan to sell Australia?", "count"),
    ("At his June 2023 Kentfield fundraiser, how many hours did Biden say he had spent alone with Xi?", "count"),
    ("How much compensation was prisoner Robert Napier awarded over slopping out?", "money"),
    ("What do campaigners say a second runway at Stansted would cost BAA?", "money"),
    ("How high did Turkish inflation reach in 2001?", "number"),
    ("When did David Sainsbury become a life peer?", "date"),
    ("On what date was Blinken due to arrive in Phnom Penh?", "date"),
    ("When Biden met Wang Yi in October 2023, what did he say Washington and Beijing must do together?", None),
    ("Which Pentagon official was to co-chair the 2+2 Security Sub-Committee?", "person"),
    ("In which city did Jake Sullivan hold talks with Wang Yi?", "name"),
    ("Why did Sunderland FC's turnover fall so sharply?", None),
    ("What prison sentence was former FBI agent Jeffrey Royer given?", "duration"),
    ("What was Jack Cunningham's majority in Copeland at the last general election?", "count"),
    ("What is the dispensary subject to in a majority of countries?", None),
    ("What is the term for a task that generally lends itself to being solved by a computer?", None),
    ("What did TUC general secretary Brendan Barber say about women pensioners in the union's Budget submission?",
     None),
    # from the second tune set (testkit/labels/*_tune2.jsonl)
    ("On what dates was Commerce Secretary Gina Raimondo in China in August 2023?", "date"),
    ("By what vote margin did Congress pass H.R. 4004?", "number"),
    ("Which U.S. destroyer had its bow cut across by a Chinese warship in the Taiwan Strait in June 2023?", "name"),
    ("How much in damages is former Guantanamo detainee Martin Mubanga seeking from the British government?",
     "money"),
    ("How much did Gazprom pay to take over nuclear fuel firm Atomstroieksport?", "money"),
    # 2026-12-04: posts want a person, a rate a figure (from the tune sets' answered unanswerables)
    ("What is the name of the MI6 officer Martin Mubanga says interrogated him in Zambia?", "person"),
    ("Which Chinese officials did Sarah Beran and Daniel Kritenbrink meet during their June 2023 trip to Beijing?",
     "person"),
    ("What was Singapore's unemployment rate in 2004?", "rate"),
    ("What was the ground speed of the Chinese spy balloon over the United States?", "speed"),
    ("How much did the Chinese spy balloon's payload weigh?", "weight"),
    ("How fast did China's economy grow in the third quarter of 2023?", "number"),
    ("At what altitude was the Chinese spy balloon flying, according to John Kirby?", None),
    ("What is the size of Australia's current Collins-class submarine fleet?", "number"),
    ("Which South Korean chipmaker did Biden say had invested billions in the United States?", "name"),
    ("What is the applicant admission rate for class of 2019?", "rate"),
    ("What is the time rate of change of electric charge?", None),
    ("At which hospital was Margaret Dixon's operation repeatedly cancelled?", "institution"),
    ("What university alumni member was known for his work on portfolio theory?", "name"),
    ("What court case desegregated schools in the United States?", "name"),
    ("How many dollars will Australia contribute to the U.S. submarine industrial base?", "money"),
    ("How many pounds of steam per kilowatt hour does the Energiprojekt AB engine use?", "count"),  # pounds: weight
    ("What was the purpose of the G7's proposed price cap on Russian oil?", None),  # a purpose, not a price
    ("What was the price of the new model?", "money"),
    # the eighth tune set's unanswerables: a name or term, a figure, the size of a sum
    ("What is Iran's existing congested mobile network called?", "term"),
    ("What is the name of the Tods Murray client opposing Edinburgh Airport expansion?", "term"),
    ("What was the previous record high of Ireland's ISEQ index before it hit 6661.89?", "number"),
    ("How large was the quarterly loss Winn-Dixie reported shortly before filing for bankruptcy?", "money"),
    ("What is the second level of territorial division in Poland?", None),
])
def test_the_kind_a_question_wants(question, kind):
    assert wanted(question) == kind


@pytest.mark.parametrize("kind, sentence, question, expected", [
    # a count is not a year
    ("count", "Once Australia is ready, as early as 2027, we will establish a rotational force of U.S. and UK "
              "submarines in Australia.", "How many U.S. and UK personnel will be stationed in Australia?", False),
    ("count", "I mean, in over — they keep meticulous records — 82 hours’ worth just he and I, 60-some of it in "
              "person.", "How many hours did Biden say he had spent alone with Xi?", True),
    ("count", "As you know, I just concluded several hours of meetings with President Xi.",
     "Exactly how many hours did Biden and Xi meet at Woodside?", False),
    # money needs a sum, not any number
    ("money", "Once the Australians are trained and ready, Australia will buy from the United States three "
              "Virginia-class submarines.", "What price will Australia pay for each Virginia-class submarine?",
     False),
    ("money", "Opponents say the £2bn cost of the new runway could not be met unless cash from Heathrow and Gatwick "
              "was used.", "What do campaigners say a second runway at Stansted would cost BAA?", True),
    # a name the question does not already give ("U.S." is "the United States")
    ("name", "Former Northern Ireland minister Sir Nicholas Scott has died at a London hospice, his family has "
             "announced.", "At which London hospice did former Northern Ireland minister Sir Nicholas Scott die?",
     False),
    ("name", "The senior director for China, Sarah Beran, here, and Dan Kritenbrink from the State Department are "
             "in Beijing as we speak.", "Which U.S. officials were in Beijing for talks?", True),
    ("name", "First, I am pleased to announce that we are restarting cooperation between the United States and "
             "China.", "Which Chinese ministry will take part in the new U.S.-China counternarcotics working group?",
     False),
    # "Chinese" in the question is the sentence's "PRC": no new name (the second tune set)
    ("name", "We know that these PRC surveillance balloons have crossed over dozens of countries on multiple "
             "continents around the world, including some of our closest allies and partners.",
     "Which allied countries have had Chinese surveillance balloons fly over them?", False),
    ("name", "And you can see the head of steam that that — that that Chinese vessel had on it as it crossed the bow "
             "of one of our destroyers.",
     "Which U.S. destroyer had its bow cut across by a Chinese warship in the Taiwan Strait in June 2023?", False),
    # a count is not a rate the question does not ask for
    ("count", "The company raised targets for its Mangala and Aishwariya fields in India from 60,000 barrels a day "
              "to between 80,000 and 100,000 barrels a day.",
     "How many barrels of oil is Cairn's N-C extension area in Rajasthan now estimated to hold?", False),
    ("count", "The network carries over 37 million passengers a year.",
     "How many passengers a year does the rail network in Newcastle carry?", True),
    ("count", "The bank cut 2,000 jobs in a year.", "How many jobs did the bank cut?", True),
    # "the two leaders" are ones already known, not a count
    ("count", "The two leaders committed to work towards a significant further increase in scheduled passenger "
              "flights early next year.", "How many weekly scheduled passenger flights did Biden and Xi agree to?",
     False),
    ("count", "He has represented the constituency now known as Copeland since 1970.",
     "What was Jack Cunningham's majority in Copeland at the last general election?", False),
    # a day of the month the question names is a date it does not give
    ("date", "National Security Advisor Jake Sullivan will meet with Foreign Minister Wang Yi on October 27.",
     "On what date was Sullivan to meet Wang Yi in October 2023?", True),
    ("date", "Sullivan met Wang Yi in October.", "On what date was Sullivan to meet Wang Yi in October 2023?", False),
    # a prison sentence is a length of time, not a name nor an age
    ("duration", "A New York court ruled that former FBI man Jeffrey Royer, 41, fed damaging information to Anthony "
                 "Elgindy, 36.", "What prison sentence was former FBI agent Jeffrey Royer given?", False),
    ("duration", "He was jailed for six years.", "What prison sentence was he given?", True),
    # a number the question already gives does not answer it
    ("number", "ABN Amro is to cut 2,850 jobs.", "How many of ABN Amro's 2,850 job cuts will be in Britain?", False),
    # a count of something else: money, a share, a length of time, a measure of another thing (the tune sets)
    ("count", "Lenovo's profit for the three months to December was HK$327m (US$42m; £22m), less than 1% up on the "
              "year before.", "How many jobs will Lenovo cut after buying IBM's PC division?", False),
    ("count", "It followed action by police, when three coachloads of people were searched and detained on the way "
              "to RAF Fairford and forced to return to London under police escort.",
     "How many anti-war protesters were arrested when police stopped the coaches heading to RAF Fairford in 2003?",
     False),
    ("count", "The IMF has 3,217 tonnes of gold, or about 113.5m ounces.",
     "How many tonnes of gold does the IMF hold?", True),
    ("count", "But really, this is just the latest demonstration of the regime’s brutality, which thus far has "
              "murdered more than 2,100 Burmese since the coup d’état.",
     "According to Kritenbrink in late July 2022, how many people had Burma's military regime killed since the coup?",
     True),
    ("count", "Plague occurred in Venice 22 times between 1361 and 1528.", "How many times did plague occur in Venice?",
     True),
    # a post wants a person the question does not name, or the post standing for its holder
    ("person", "The senior director for China, Sarah Beran, here, and Dan Kritenbrink from the State Department are "
               "in Beijing as we speak.",
     "Which Chinese officials did Sarah Beran and Daniel Kritenbrink meet during their June 2023 trip to Beijing?",
     False),
    ("person", "President Joseph R. Biden, Jr. today held a Summit with President Xi Jinping of the People’s Republic "
               "of China (PRC), in Woodside, California.",
     "Which detained Americans did Biden name to Xi at the Woodside summit?", False),
    ("person", "Martin Mubanga claimed in the Observer that an MI6 officer played a key role in consigning him to the "
               "US camp in Cuba, following his arrest in Zambia.",
     "What is the name of the MI6 officer Martin Mubanga says interrogated him in Zambia?", False),
    ("person", "Meanwhile Labour backbencher Stephen Pound labelled casino-related regeneration schemes \"a pile of "
               "pants\".", "Which Labour backbencher derided casino-led regeneration schemes?", True),
    ("person", "(a) To assist in addressing the national emergency declared in this order, the Secretary of the "
               "Treasury (Secretary), in consultation with the Secretary of Commerce, shall issue regulations.",
     "Which cabinet official must write the rules for notifiable and prohibited transactions?", True),
    # an institution is named beside its kind's word
    ("institution", "He must remember his confrontation with Sharron Storer, the Birmingham woman who harangued him "
                    "over the state of her local hospital in the 2001 election campaign.",
     "Which hospital was Sharron Storer complaining about when she confronted Tony Blair in 2001?", False),
    ("institution", "Southern California is home to Los Angeles International Airport, the second-busiest airport in "
                    "the United States by passenger volume.",
     "Which airport is home to the busiest single runway in the world?", True),
    # a rate is a figure in digits
    ("rate", "The economy's poor performance in the July to September period followed four consecutive quarters of "
             "double-digit growth as Singapore bounced back strongly from the effects of the deadly Sars virus in "
             "2003.", "What was Singapore's unemployment rate in 2004?", False),
    ("rate", "Harvard College accepted 5.3% of applicants for the class of 2019.",
     "What is the applicant admission rate for class of 2019?", True),
    # a sentence naming no one: a run of capitalised words is a body or a place, not the officials' names
    ("person", "The pair both worked at Bank of China in the northern city of Harbin, the South China Morning Post "
               "reported.", "What are the names of the two Bank of China officials who disappeared in Harbin?", False),
    # a speed or a weight is a number with its unit; a height may be said without one (real seeds sentences)
    ("speed", "The Chinese spy balloon was at 60,000-plus — well outside commercial air traffic concerns.",
     "What was the ground speed of the Chinese spy balloon over the United States?", False),
    ("number", "The Chinese spy balloon was at 60,000-plus — well outside commercial air traffic concerns.",
     "How high was the Chinese spy balloon flying, according to John Kirby?", True),
    ("weight", "The payload weighed more than 2,000 pounds.", "How much did the Chinese spy balloon's payload weigh?",
     True),
    # digits inside a name are no number; a month is no name
    ("number", "We recognise that the COVID-19 pandemic has highlighted the need to build resilience.",
     "How much U.S. aid went to Tonga after its January 2022 volcanic eruption and tsunami?", False),
    ("name", "For example, the largest computer chipmaker in South Korea invested in the United States billions of "
             "dollars.", "Which South Korean chipmaker did Biden say had invested billions in the United States?",
     False),
    # "on what dates" wants a day of the calendar, not "this morning" or "next week" (real seeds sentences)
    ("date", "The last thing I’d say at the outset — I’m sorry to go on for so long — is you will have all seen the "
             "announcement out of the Commerce Department this morning about Secretary Raimondo’s trip to China next "
             "week.", "On what dates was Commerce Secretary Gina Raimondo in China in August 2023?", False),
    ("date", "President Biden will meet with President Xi Jinping of the People’s Republic of China (PRC) on November "
             "15.", "On what date did the White House say Biden would sit down with Xi Jinping in 2023?", True),
    # a place asked for is named by no person and no post (a real seeds sentence)
    ("name", "Deputy Secretary of State Wendy Sherman traveled to the People’s Republic of China for meetings with "
             "State Councilor and Foreign Minister Wang Yi and other PRC officials from July 25-26.",
     "In which Chinese city did Wendy Sherman hold her July 2021 talks with Wang Yi?", False),
    ("name", "Deputy Secretary of State Wendy Sherman traveled to Tianjin for meetings with State Councilor and "
             "Foreign Minister Wang Yi.",
     "In which Chinese city did Wendy Sherman hold her July 2021 talks with Wang Yi?", True),
    # a sum per share is said with its unit; a company's value is not one (real BBC sentences)
    ("money", "In terms of market value, Pernod - at 7.5bn euros ($9.7bn) - is about 9% smaller than Allied Domecq, "
              "which has a capitalisation of £5.7bn ($10.7bn; 8.2bn euros).",
     "What price per share is Pernod Ricard expected to offer for Allied Domecq?", False),
    ("money", "Mr Murray is paying BSkyB 31p a share for its stake.", "What price per share is Bob Murray paying?",
     True),
    ("money", "The offer values the group at $20.50 per share in cash.", "What price per share is on offer?", True),
    # "where" is answered by a name after a word of place, not a demonym or a framework's name (the fourth tune set)
    ("name", "The Swedish firm, the world's largest maker of home appliances, said it is to relocate about 10 of its "
             "27 plants in western Europe and North America.",
     "Where does Electrolux intend to move the plants it is relocating from western Europe and North America?", False),
    ("name", "It did not say which facilities would be affected, but intends moving them to Asia, eastern Europe and "
             "Mexico.",
     "Where does Electrolux intend to move the plants it is relocating from western Europe and North America?", True),
    ("name", "He launched the Indo-Pacific Economic Framework for Prosperity, a first-of-its-kind initiative for the "
             "region.", "Where did Biden launch the Indo-Pacific Economic Framework?", False),
    ("name", "The Indo-Pacific Economic Framework that the President launched in Tokyo in May is integral to realizing "
             "our vision for the region.", "Where did Biden launch the Indo-Pacific Economic Framework?", True),
    ("name", "And our understanding is that President Bazoum is in Niamey, is continuing to be wrongly held.",
     "Where did Sullivan say Niger's ousted president was being held in August 2023?", True),
    # a rate asked is a figure, not a sum; paying is money; "a fifth" is no count (the fifth tune set, real BBC)
    ("rate", "The deal sees Rosneft receive $6bn in credits from China's CNPC.",
     "What interest rate is CNPC charging Rosneft on its $6bn of credits?", False),
    ("money", "France's Total is expected to join the ExxonMobil scheme, dubbed Qatargas-2, on Monday, taking 5 "
              "million tonnes of LNG a year.", "How much is France's Total paying to join the Qatargas-2 project?",
     False),
    ("count", "Chinese PC sales have risen by a fifth in each of the past two years, but are now growing more slowly.",
     "How many computers did Lenovo sell in the three months to December 2004?", False),
    ("number", "Intermediate waste from countries such as Japan, Germany, Spain, Italy, Switzerland and Sweden will be "
               "stored permanently in the UK.",
     "What volume of foreign intermediate-level nuclear waste will now stay in the UK permanently?", False),
    # how deep is a number, a saving is money, which month is a month, an age is no count (the sixth tune set)
    ("number", "And the object over Lake Huron now lies in what is probably very deep water.",
     "How deep is the water where the object downed over Lake Huron in February 2023 came to rest?", False),
    ("money", "The Conservative Party would cut the number of MPs by about one-fifth if they were elected, Tory leader "
              "Michael Howard has said.",
     "How much a year would cutting the number of MPs by a fifth save, according to Michael Howard?", False),
    ("date", "Recently, a few months ago, the Kenyans launched an initiative known as the Nairobi Process to try and "
             "work with the Congolese and neighboring countries.",
     "In which month did Kenya launch the Nairobi Process on armed groups in eastern Congo?", False),
    ("count", "John Houston, 54, was due to stand in the East Kilbride seat in Lanarkshire at the next election.",
     "How many votes did John Houston win at the UKIP meeting that selected him for East Kilbride?", False),
    # "in what year" wants a year
    ("date", "And certainly, a visit to San Francisco, I think, will be the first since he was a young, Communist "
             "Party secretary in the provinces.",
     "In what year did Xi Jinping first visit San Francisco, back when he was a young provincial party official?",
     False),
    ("date", "It was set up in 1337 by King Edward III to provide income for successive heirs to the throne.",
     "In what year was the Duchy of Cornwall established?", True),
    # a share or a sum counts no one (BBC, the seventh tune set's unanswerables)
    ("count", "Profits at Indian drugmaker Dr Reddy's fell 93% as research costs rose and sales flagged.",
     "How many people does Indian drugmaker Dr Reddy's employ?", False),
    ("count", "US banking giant Citigroup has sold its Travelers Life & Annuity insurance arm to Metlife for $11.5bn "
              "(£6.1bn).", "How many people work at Travelers Life & Annuity, the insurer Citigroup sold to Metlife?",
     False),
    ("count", "About 40 per cent of the 2,000 staff will go.", "How many staff does the firm employ?", True),
    # a frequency, a multiple and a time of day said in words (seeds, the eighth tune set)
    ("number", "Each night, senior White House officials hold war-room calls on the nomination.",
     "How often did senior White House officials hold war-room calls to push Julie Su's nomination?", True),
    ("number", "The officials held a call on the nomination.", "How often did officials hold calls?", False),
    ("money", "Construction spending on manufacturing has doubled.",
     "How much had U.S. construction spending on manufacturing grown?", True),
    ("money", "Construction spending on manufacturing has doubled.", "How much did the factories cost?", False),
    ("date", "I don’t — couldn’t give you the exact time on the clock, but it was, I believe, mid to late morning.",
     "At roughly what time of day did Biden order the shootdown of the object over Lake Huron?", True),
    ("term", "Iran currently has only one heavily congested mobile network, with long waiting lists for new "
             "subscribers.",
     "What is Iran's existing congested mobile network called?", False),
    ("term", "A natural number greater than 1 that is not a prime number is called a composite number.",
     "What are numbers greater than 1 that can be divided by 3 or more numbers called?", True),
    ("term", "It then emerged Tods Murray has a client, Edinburgh Residents Against Expansion, which opposes it.",
     "What is the name of the Tods Murray client opposing Edinburgh Airport expansion?", True),
    # the ninth tune set's unanswerables: a price each, a count of something the question names, a term it gives
    ("money", "BLB holds a 22% stake in Wembley and last year came close to buying the whole firm in a £308m takeover "
              "deal. Shares in Wembley were up 56 pence, or 7.6%, at 797p by mid-morning.",
     "What per-share price did BLB offer in its failed £308m takeover bid for Wembley?", False),
    ("money", "Peter Tom, who will remain as Aggregate chief executive, said the 138p a share offer provided "
              "\"significant value\" for shareholders.", "What per-share price did Aggregate offer?", True),
    ("money", "Meanwhile, United's budget airline, Kingfisher Airlines, is to buy 10 A320 aircraft from Airbus and has "
              "the option to buy 20 more aircraft in a deal worth up to $1.8bn.",
     "How much is Kingfisher Airlines paying for each Airbus A320?", False),
    ("number", "According to a registration document filed with the Securities and Exchange Commission, Nasdaq Stock "
               "Market plans to raise $100m (£52m) from the sale.",
     "At what price per share will Nasdaq sell stock in its planned $100m offering?", False),
    ("count", "He highlighted his particular concern for citizenship in the growing number of independent faith "
              "schools - which he said included about 100 Muslim, 100 Evangelical Christian and 50 Jewish schools.",
     "How many pupils attend the roughly 100 independent Muslim schools cited by Ofsted chief David Bell in his "
     "warning?", False),
    ("term", "The textbook examples are cydippids with egg-shaped bodies and a pair of retractable tentacles fringed "
             "with tentilla (\"little tentacles\") that are covered with colloblasts.",
     "What are the little tentacles that cydippids have called?", True),
    ("name", "I do not think there is anything that Manchester United fans can do about it,\" he told the BBC.",
     "Which bank is financing Malcolm Glazer's bid for Manchester United?", False),  # the outlet answers nothing
    ("name", "I do not think there is anything that Manchester United fans can do about it,\" he told JP Morgan.",
     "Which bank is financing Malcolm Glazer's bid for Manchester United?", True),
    ("term", "Iran's network of proxies isn't going away, officials said.",
     "What is Iran's mobile network called?", False),
    ("term", "Officials refer to the policy as 'Plan B' in private.",
     "What is the fallback policy called?", True),
    ("date", "Mr Brown will deliver his Budget at 1230 GMT on 16 March.",
     "At what time of day was Gordon Brown to deliver his Budget?", True),
    ("date", "The object was shot down over Lake Huron, and the debris landed in Canada.",
     "At what time did Biden order the shootdown?", False),
])
def test_a_sentence_holds_the_kind_or_not(kind, sentence, question, expected):
    assert holds(kind, sentence, question) is expected
