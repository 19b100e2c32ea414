"""The emoji picker's catalogue: ``char|name|aliases``, one emoji a line (see ``emoji_picker.py``).

Generated from the emoji package 2.16.0 by tools/make_emoji_catalog.py: do not edit.
"""

# fmt: off
CATALOG = """\
🥇|1st place medal|
🥈|2nd place medal|
🥉|3rd place medal|
🆎|AB button (blood type)|ab ab button blood type
🏧|ATM sign|atm atm sign
🅰️|A button (blood type)|a a button blood type
🇦🇫|Afghanistan|flag for afghanistan afghanistan
🇦🇱|Albania|flag for albania albania
🇩🇿|Algeria|flag for algeria algeria
🇦🇸|American Samoa|flag for american samoa american samoa
🇦🇩|Andorra|flag for andorra andorra
🇦🇴|Angola|flag for angola angola
🇦🇮|Anguilla|flag for anguilla anguilla
🇦🇶|Antarctica|flag for antarctica antarctica
🇦🇬|Antigua & Barbuda|flag for antigua & barbuda antigua barbuda
♒|Aquarius|aquarius
🇦🇷|Argentina|flag for argentina argentina
♈|Aries|aries
🇦🇲|Armenia|flag for armenia armenia
🇦🇼|Aruba|flag for aruba aruba
🇦🇨|Ascension Island|flag for ascension island ascension island
🇦🇺|Australia|flag for australia australia
🇦🇹|Austria|flag for austria austria
🇦🇿|Azerbaijan|flag for azerbaijan azerbaijan
🔙|BACK arrow|back back arrow
🅱️|B button (blood type)|b b button blood type
🇧🇸|Bahamas|flag for bahamas bahamas
🇧🇭|Bahrain|flag for bahrain bahrain
🇧🇩|Bangladesh|flag for bangladesh bangladesh
🇧🇧|Barbados|flag for barbados barbados
🇧🇾|Belarus|flag for belarus belarus
🇧🇪|Belgium|flag for belgium belgium
🇧🇿|Belize|flag for belize belize
🇧🇯|Benin|flag for benin benin
🇧🇲|Bermuda|flag for bermuda bermuda
🇧🇹|Bhutan|flag for bhutan bhutan
🇧🇴|Bolivia|flag for bolivia bolivia
🇧🇦|Bosnia & Herzegovina|flag for bosnia & herzegovina bosnia herzegovina
🇧🇼|Botswana|flag for botswana botswana
🇧🇻|Bouvet Island|flag for bouvet island bouvet island
🇧🇷|Brazil|flag for brazil brazil
🇮🇴|British Indian Ocean Territory|flag for british indian ocean territory british indian ocean territory
🇻🇬|British Virgin Islands|flag for british virgin islands british virgin islands
🇧🇳|Brunei|flag for brunei brunei
🇧🇬|Bulgaria|flag for bulgaria bulgaria
🇧🇫|Burkina Faso|flag for burkina faso burkina faso
🇧🇮|Burundi|flag for burundi burundi
🆑|CL button|cl cl button
🆒|COOL button|cool cool button
🇰🇭|Cambodia|flag for cambodia cambodia
🇨🇲|Cameroon|flag for cameroon cameroon
🇨🇦|Canada|flag for canada canada
🇮🇨|Canary Islands|flag for canary islands canary islands
♋|Cancer|cancer
🇨🇻|Cape Verde|flag for cape verde cape verde
♑|Capricorn|capricorn
🇧🇶|Caribbean Netherlands|flag for caribbean netherlands caribbean netherlands
🇰🇾|Cayman Islands|flag for cayman islands cayman islands
🇨🇫|Central African Republic|flag for central african republic central african republic
🇪🇦|Ceuta & Melilla|flag for ceuta & melilla ceuta melilla
🇹🇩|Chad|flag for chad chad
🇨🇱|Chile|flag for chile chile
🇨🇳|China|flag for china cn
🇨🇽|Christmas Island|flag for christmas island christmas island
🎄|Christmas tree|christmas tree
🇨🇵|Clipperton Island|flag for clipperton island clipperton island
🇨🇨|Cocos (Keeling) Islands|flag for cocos islands cocos islands
🇨🇴|Colombia|flag for colombia colombia
🇰🇲|Comoros|flag for comoros comoros
🇨🇬|Congo-Brazzaville|flag for congo brazzaville congo brazzaville
🇨🇩|Congo-Kinshasa|flag for congo kinshasa congo kinshasa
🇨🇰|Cook Islands|flag for cook islands cook islands
🇨🇷|Costa Rica|flag for costa rica costa rica
🇭🇷|Croatia|flag for croatia croatia
🇨🇺|Cuba|flag for cuba cuba
🇨🇼|Curaçao|flag for curaçao curacao
🇨🇾|Cyprus|flag for cyprus cyprus
🇨🇿|Czechia|flag for czech republic czech republic
🇨🇮|Côte d’Ivoire|flag for côte d’ivoire cote divoire
🇩🇰|Denmark|flag for denmark denmark
🇩🇬|Diego Garcia|flag for diego garcia diego garcia
🇩🇯|Djibouti|flag for djibouti djibouti
🇩🇲|Dominica|flag for dominica dominica
🇩🇴|Dominican Republic|flag for dominican republic dominican republic
🔚|END arrow|end end arrow
🇪🇨|Ecuador|flag for ecuador ecuador
🇪🇬|Egypt|flag for egypt egypt
🇸🇻|El Salvador|flag for el salvador el salvador
🏴󠁧󠁢󠁥󠁮󠁧󠁿|England|england
🇬🇶|Equatorial Guinea|flag for equatorial guinea equatorial guinea
🇪🇷|Eritrea|flag for eritrea eritrea
🇪🇪|Estonia|flag for estonia estonia
🇸🇿|Eswatini|flag for swaziland swaziland
🇪🇹|Ethiopia|flag for ethiopia ethiopia
🇪🇺|European Union|flag for european union eu european union
🆓|FREE button|free free button
🇫🇰|Falkland Islands|flag for falkland islands falkland islands
🇫🇴|Faroe Islands|flag for faroe islands faroe islands
🇫🇯|Fiji|flag for fiji fiji
🇫🇮|Finland|flag for finland finland
🇫🇷|France|flag for france fr
🇬🇫|French Guiana|flag for french guiana french guiana
🇵🇫|French Polynesia|flag for french polynesia french polynesia
🇹🇫|French Southern and Antarctic Lands|flag for french southern territories french southern territories
🇬🇦|Gabon|flag for gabon gabon
🇬🇲|Gambia|flag for gambia gambia
♊|Gemini|gemini
🇬🇪|Georgia|flag for georgia georgia
🇩🇪|Germany|flag for germany de
🇬🇭|Ghana|flag for ghana ghana
🇬🇮|Gibraltar|flag for gibraltar gibraltar
🇬🇷|Greece|flag for greece greece
🇬🇱|Greenland|flag for greenland greenland
🇬🇩|Grenada|flag for grenada grenada
🇬🇵|Guadeloupe|flag for guadeloupe guadeloupe
🇬🇺|Guam|flag for guam guam
🇬🇹|Guatemala|flag for guatemala guatemala
🇬🇬|Guernsey|flag for guernsey guernsey
🇬🇳|Guinea|flag for guinea guinea
🇬🇼|Guinea-Bissau|flag for guinea bissau guinea bissau
🇬🇾|Guyana|flag for guyana guyana
🇭🇹|Haiti|flag for haiti haiti
🇭🇲|Heard Island & McDonald Islands|flag for heard & mcdonald islands heard mcdonald islands
🇭🇳|Honduras|flag for honduras honduras
🇭🇰|Hong Kong SAR China|flag for hong kong hong kong
🇭🇺|Hungary|flag for hungary hungary
🆔|ID button|id id button
🇮🇸|Iceland|flag for iceland iceland
🇮🇳|India|flag for india india
🇮🇩|Indonesia|flag for indonesia indonesia
🇮🇷|Iran|flag for iran iran
🇮🇶|Iraq|flag for iraq iraq
🇮🇪|Ireland|flag for ireland ireland
🇮🇲|Isle of Man|flag for isle of man isle of man
🇮🇱|Israel|flag for israel israel
🇮🇹|Italy|flag for italy it
🇯🇲|Jamaica|flag for jamaica jamaica
🇯🇵|Japan|flag for japan jp
🉑|Japanese acceptable button|accept japanese acceptable button
🈸|Japanese application button|u7533 japanese application button
🉐|Japanese bargain button|ideograph advantage japanese bargain button
🏯|Japanese castle|japanese castle
㊗️|Japanese congratulations button|congratulations japanese congratulations button
🈹|Japanese discount button|u5272 japanese discount button
🎎|Japanese dolls|dolls japanese dolls
🈚|Japanese free of charge button|u7121 japanese free of charge button
🈁|Japanese here button|koko japanese here button
🈷️|Japanese monthly amount button|u6708 japanese monthly amount button
🈵|Japanese no vacancy button|u6e80 japanese no vacancy button
🈶|Japanese not free of charge button|u6709 japanese not free of charge button
🈺|Japanese open for business button|u55b6 japanese open for business button
🈴|Japanese passing grade button|u5408 japanese passing grade button
🏣|Japanese post office|post office japanese post office
🈲|Japanese prohibited button|u7981 japanese prohibited button
🈯|Japanese reserved button|u6307 japanese reserved button
㊙️|Japanese secret button|secret japanese secret button
🈂️|Japanese service charge button|sa japanese service charge button
🔰|Japanese symbol for beginner|beginner japanese symbol for beginner
🈳|Japanese vacancy button|u7a7a japanese vacancy button
🇯🇪|Jersey|flag for jersey jersey
🇯🇴|Jordan|flag for jordan jordan
🇰🇿|Kazakhstan|flag for kazakhstan kazakhstan
🇰🇪|Kenya|flag for kenya kenya
🇰🇮|Kiribati|flag for kiribati kiribati
🇽🇰|Kosovo|flag for kosovo kosovo
🇰🇼|Kuwait|flag for kuwait kuwait
🇰🇬|Kyrgyzstan|flag for kyrgyzstan kyrgyzstan
🇱🇦|Laos|flag for laos laos
🇱🇻|Latvia|flag for latvia latvia
🇱🇧|Lebanon|flag for lebanon lebanon
♌|Leo|leo
🇱🇸|Lesotho|flag for lesotho lesotho
🇱🇷|Liberia|flag for liberia liberia
♎|Libra|libra
🇱🇾|Libya|flag for libya libya
🇱🇮|Liechtenstein|flag for liechtenstein liechtenstein
🇱🇹|Lithuania|flag for lithuania lithuania
🇱🇺|Luxembourg|flag for luxembourg luxembourg
🇲🇴|Macao SAR China|flag for macau macau
🇲🇬|Madagascar|flag for madagascar madagascar
🇲🇼|Malawi|flag for malawi malawi
🇲🇾|Malaysia|flag for malaysia malaysia
🇲🇻|Maldives|flag for maldives maldives
🇲🇱|Mali|flag for mali mali
🇲🇹|Malta|flag for malta malta
🇲🇭|Marshall Islands|flag for marshall islands marshall islands
🇲🇶|Martinique|flag for martinique martinique
🇲🇷|Mauritania|flag for mauritania mauritania
🇲🇺|Mauritius|flag for mauritius mauritius
🇾🇹|Mayotte|flag for mayotte mayotte
🇲🇽|Mexico|flag for mexico mexico
🇫🇲|Micronesia|flag for micronesia micronesia
🇲🇩|Moldova|flag for moldova moldova
🇲🇨|Monaco|flag for monaco monaco
🇲🇳|Mongolia|flag for mongolia mongolia
🇲🇪|Montenegro|flag for montenegro montenegro
🇲🇸|Montserrat|flag for montserrat montserrat
🇲🇦|Morocco|flag for morocco morocco
🇲🇿|Mozambique|flag for mozambique mozambique
🤶|Mrs. Claus|mrs claus
🧑‍🎄|Mx Claus|mx claus
🇲🇲|Myanmar (Burma)|flag for myanmar myanmar
🆕|NEW button|new new button
🆖|NG button|ng ng button
🇳🇦|Namibia|flag for namibia namibia
🇳🇷|Nauru|flag for nauru nauru
🇳🇵|Nepal|flag for nepal nepal
🇳🇱|Netherlands|flag for netherlands netherlands
🇳🇨|New Caledonia|flag for new caledonia new caledonia
🇳🇿|New Zealand|flag for new zealand new zealand
🇳🇮|Nicaragua|flag for nicaragua nicaragua
🇳🇪|Niger|flag for niger niger
🇳🇬|Nigeria|flag for nigeria nigeria
🇳🇺|Niue|flag for niue niue
🇳🇫|Norfolk Island|flag for norfolk island norfolk island
🇰🇵|North Korea|flag for north korea north korea
🇲🇰|North Macedonia|flag for macedonia macedonia
🇲🇵|Northern Mariana Islands|flag for northern mariana islands northern mariana islands
🇳🇴|Norway|flag for norway norway
🆗|OK button|ok ok button
👌|OK hand|ok hand
🔛|ON! arrow|on on arrow on! arrow
🅾️|O button (blood type)|o2 o button blood type
🇴🇲|Oman|flag for oman oman
⛎|Ophiuchus|ophiuchus
🅿️|P button|parking p button
🇵🇰|Pakistan|flag for pakistan pakistan
🇵🇼|Palau|flag for palau palau
🇵🇸|Palestinian Territories|flag for palestinian territories palestinian territories
🇵🇦|Panama|flag for panama panama
🇵🇬|Papua New Guinea|flag for papua new guinea papua new guinea
🇵🇾|Paraguay|flag for paraguay paraguay
🇵🇪|Peru|flag for peru peru
🇵🇭|Philippines|flag for philippines philippines
♓|Pisces|pisces
🇵🇳|Pitcairn Islands|flag for pitcairn islands pitcairn islands
🇵🇱|Poland|flag for poland poland
🇵🇹|Portugal|flag for portugal portugal
🇵🇷|Puerto Rico|flag for puerto rico puerto rico
🇶🇦|Qatar|flag for qatar qatar
🇷🇴|Romania|flag for romania romania
🇷🇺|Russia|flag for russia ru
🇷🇼|Rwanda|flag for rwanda rwanda
🇷🇪|Réunion|flag for réunion reunion
🔜|SOON arrow|soon soon arrow
🆘|SOS button|sos sos button
♐|Sagittarius|sagittarius
🇼🇸|Samoa|flag for samoa samoa
🇸🇲|San Marino|flag for san marino san marino
🎅|Santa Claus|santa santa claus
🇨🇶|Sark|flag for sark
🇸🇦|Saudi Arabia|flag for saudi arabia saudi arabia
♏|Scorpio|scorpius scorpio
🏴󠁧󠁢󠁳󠁣󠁴󠁿|Scotland|scotland
🇸🇳|Senegal|flag for senegal senegal
🇷🇸|Serbia|flag for serbia serbia
🇸🇨|Seychelles|flag for seychelles seychelles
🇸🇱|Sierra Leone|flag for sierra leone sierra leone
🇸🇬|Singapore|flag for singapore singapore
🇸🇽|Sint Maarten|flag for sint maarten sint maarten
🇸🇰|Slovakia|flag for slovakia slovakia
🇸🇮|Slovenia|flag for slovenia slovenia
🇸🇧|Solomon Islands|flag for solomon islands solomon islands
🇸🇴|Somalia|flag for somalia somalia
🇿🇦|South Africa|flag for south africa south africa
🇬🇸|South Georgia & South Sandwich Islands|flag for south georgia & south sandwich islands south georgia south sandwich islands
🇰🇷|South Korea|flag for south korea kr
🇸🇸|South Sudan|flag for south sudan south sudan
🇪🇸|Spain|flag for spain es
🇱🇰|Sri Lanka|flag for sri lanka sri lanka
🇧🇱|St. Barthélemy|flag for st. barthélemy st barthelemy
🇸🇭|St. Helena Ascension & Tristan da Cunha|flag for st. helena st helena
🇰🇳|St. Kitts & Nevis|flag for st. kitts & nevis st kitts nevis
🇱🇨|St. Lucia|flag for st. lucia st lucia
🇲🇫|St. Martin|flag for st. martin st martin
🇵🇲|St. Pierre & Miquelon|flag for st. pierre & miquelon st pierre miquelon
🇻🇨|St. Vincent & Grenadines|flag for st. vincent & grenadines st vincent grenadines
🗽|Statue of Liberty|statue of liberty
🇸🇩|Sudan|flag for sudan sudan
🇸🇷|Suriname|flag for suriname suriname
🇸🇯|Svalbard & Jan Mayen|flag for svalbard & jan mayen svalbard jan mayen
🇸🇪|Sweden|flag for sweden sweden
🇨🇭|Switzerland|flag for switzerland switzerland
🇸🇾|Syria|flag for syria syria
🇸🇹|São Tomé & Príncipe|flag for são tomé & príncipe sao tome principe
🦖|T-Rex|t-rex t rex
🔝|TOP arrow|top top arrow
🇹🇼|Taiwan|flag for taiwan taiwan
🇹🇯|Tajikistan|flag for tajikistan tajikistan
🇹🇿|Tanzania|flag for tanzania tanzania
♉|Taurus|taurus
🇹🇭|Thailand|flag for thailand thailand
🇹🇱|Timor-Leste|flag for timor leste timor leste
🇹🇬|Togo|flag for togo togo
🇹🇰|Tokelau|flag for tokelau tokelau
🗼|Tokyo tower|tokyo tower
🇹🇴|Tonga|flag for tonga tonga
🇹🇹|Trinidad & Tobago|flag for trinidad & tobago trinidad tobago
🇹🇦|Tristan da Cunha|flag for tristan da cunha tristan da cunha
🇹🇳|Tunisia|flag for tunisia tunisia
🇹🇲|Turkmenistan|flag for turkmenistan turkmenistan
🇹🇨|Turks & Caicos Islands|flag for turks & caicos islands turks caicos islands
🇹🇻|Tuvalu|flag for tuvalu tuvalu
🇹🇷|Türkiye|flag for turkey turkey tr
🇺🇲|U.S. Outlying Islands|flag for u.s. outlying islands us outlying islands
🇻🇮|U.S. Virgin Islands|flag for u.s. virgin islands us virgin islands
🆙|UP! button|up up button
🇺🇬|Uganda|flag for uganda uganda
🇺🇦|Ukraine|flag for ukraine ukraine
🇦🇪|United Arab Emirates|flag for united arab emirates united arab emirates
🇬🇧|United Kingdom|flag for united kingdom gb uk
🇺🇳|United Nations|united nations
🇺🇸|United States|flag for united states us
🇺🇾|Uruguay|flag for uruguay uruguay
🇺🇿|Uzbekistan|flag for uzbekistan uzbekistan
🆚|VS button|vs vs button
🇻🇺|Vanuatu|flag for vanuatu vanuatu
🇻🇦|Vatican City|flag for vatican city vatican city
🇻🇪|Venezuela|flag for venezuela venezuela
🇻🇳|Vietnam|flag for vietnam vietnam
♍|Virgo|virgo
🏴󠁧󠁢󠁷󠁬󠁳󠁿|Wales|wales
🇼🇫|Wallis & Futuna|flag for wallis & futuna wallis futuna
🇪🇭|Western Sahara|flag for western sahara western sahara
🇾🇪|Yemen|flag for yemen yemen
💤|ZZZ|zzz
🇿🇲|Zambia|flag for zambia zambia
🇿🇼|Zimbabwe|flag for zimbabwe zimbabwe
🧮|abacus|
🪗|accordion|
🩹|adhesive bandage|
🎟️|admission tickets|tickets
🚡|aerial tramway|
✈️|airplane|
🛬|airplane arrival|airplane arriving flight arrival
🛫|airplane departure|flight departure
⏰|alarm clock|
⚗️|alembic|
👽|alien|
👾|alien monster|space invader
🚑|ambulance|
🏈|american football|football
🏺|amphora|
🫀|anatomical heart|
⚓|anchor|
💢|anger symbol|anger
😠|angry face|angry
👿|angry face with horns|imp
😧|anguished face|anguished
🐜|ant|
📶|antenna bars|signal strength
😰|anxious face with sweat|cold sweat
🚛|articulated lorry|
🧑‍🎨|artist|
🎨|artist palette|art
😲|astonished face|astonished
🧑‍🚀|astronaut|
⚛️|atom symbol|
🛺|auto rickshaw|
🚗|automobile|car red car
🥑|avocado|
🪓|axe|
👶|baby|
👼|baby angel|angel
🍼|baby bottle|
🐤|baby chick|
🚼|baby symbol|
👇|backhand index pointing down|point down
👈|backhand index pointing left|point left
👉|backhand index pointing right|point right
👆|backhand index pointing up|point up 2
🎒|backpack|school satchel
🥓|bacon|
🦡|badger|
🏸|badminton|badminton racquet and shuttlecock
🥯|bagel|
🛄|baggage claim|
🥖|baguette bread|
⚖️|balance scale|scales
🧑‍🩰|ballet dancer|
🩰|ballet shoes|
🎈|balloon|
🗳️|ballot box with ballot|ballot box
🍌|banana|
🪕|banjo|
🏦|bank|
📊|bar chart|
💈|barber pole|barber
⚾|baseball|
🧺|basket|
🏀|basketball|
🦇|bat|
🛁|bathtub|
🔋|battery|
🏖️|beach with umbrella|beach umbrella
😁|beaming face with smiling eyes|grin
🫘|beans|
🐻|bear|
💓|beating heart|heartbeat
🦫|beaver|
🛏️|bed|
🍺|beer mug|beer
🪲|beetle|
🔔|bell|
🫑|bell pepper|
🔕|bell with slash|no bell
🛎️|bellhop bell|
🍱|bento box|bento
🧃|beverage box|
🚲|bicycle|bike
👙|bikini|
🧢|billed cap|
☣️|biohazard|biohazard sign
🐦|bird|
🎂|birthday cake|birthday
🦬|bison|
🫦|biting lip|
🐦‍⬛|black bird|raven crow rook
🐈‍⬛|black cat|
⚫|black circle|
🏴|black flag|waving black flag
🖤|black heart|
⬛|black large square|
◾|black medium-small square|black medium small square
◼️|black medium square|
✒️|black nib|
▪️|black small square|
🔲|black square button|
🌼|blossom|
🐡|blowfish|
📘|blue book|
🔵|blue circle|large blue circle
💙|blue heart|
🟦|blue square|
🫐|blueberries|
🐗|boar|
💣|bomb|
🦴|bone|
🔖|bookmark|
📑|bookmark tabs|
📚|books|
🪃|boomerang|
🍾|bottle with popping cork|champagne
💐|bouquet|
🏹|bow and arrow|
🥣|bowl with spoon|
🎳|bowling|
🥊|boxing glove|
👦|boy|
🧠|brain|
🍞|bread|
🤱|breast-feeding|breast feeding
🧱|brick|bricks
🌉|bridge at night|
💼|briefcase|
🩲|briefs|swim brief
🔆|bright button|high brightness
🥦|broccoli|
⛓️‍💥|broken chain|
💔|broken heart|
🧹|broom|
🟤|brown circle|
🤎|brown heart|
🍄‍🟫|brown mushroom|
🟫|brown square|
🧋|bubble tea|
🫧|bubbles|
🪣|bucket|
🐛|bug|
🏗️|building construction|
🚅|bullet train|bullettrain front
🎯|bullseye|dart
🌯|burrito|
🚌|bus|
🚏|bus stop|busstop
👤|bust in silhouette|
👥|busts in silhouette|
🧈|butter|
🦋|butterfly|
🌵|cactus|
📅|calendar|date
🤙|call me hand|
🐪|camel|dromedary camel
📷|camera|
📸|camera with flash|camera flash
🏕️|camping|
🕯️|candle|
🍬|candy|
🥫|canned food|
🛶|canoe|
🗃️|card file box|
📇|card index|
🗂️|card index dividers|
🎠|carousel horse|
🎏|carp streamer|flags
🪚|carpentry saw|
🥕|carrot|
🏰|castle|european castle
🐈|cat|cat2
🐱|cat face|cat
😹|cat with tears of joy|joy cat
😼|cat with wry smile|smirk cat
⛓️|chains|
🪑|chair|
📉|chart decreasing|chart with downwards trend
📈|chart increasing|chart with upwards trend
💹|chart increasing with yen|chart
☑️|check box with check|ballot box with check
✔️|check mark|heavy check mark
✅|check mark button|white check mark
🧀|cheese wedge|cheese
🏁|chequered flag|checkered flag
🍒|cherries|
🌸|cherry blossom|
♟️|chess pawn|
🌰|chestnut|
🐔|chicken|
🧒|child|
🚸|children crossing|
🐿️|chipmunk|
🍫|chocolate bar|
🥢|chopsticks|
⛪|church|
🚬|cigarette|smoking
🎦|cinema|
Ⓜ️|circled M|m circled m
🎪|circus tent|
🏙️|cityscape|
🌆|cityscape at dusk|city sunset
🗜️|clamp|compression
🎬|clapper board|clapper
👏|clapping hands|clap
🏛️|classical building|
🍻|clinking beer mugs|beers
🥂|clinking glasses|
📋|clipboard|
🔃|clockwise vertical arrows|arrows clockwise
📕|closed book|
📪|closed mailbox with lowered flag|mailbox closed
📫|closed mailbox with raised flag|mailbox
🌂|closed umbrella|
☁️|cloud|
🌩️|cloud with lightning|
⛈️|cloud with lightning and rain|thunder cloud and rain
🌧️|cloud with rain|
🌨️|cloud with snow|
🤡|clown face|
♣️|club suit|clubs
👝|clutch bag|pouch
🧥|coat|
🪳|cockroach|
🍸|cocktail glass|cocktail
🥥|coconut|
⚰️|coffin|
🪙|coin|
🥶|cold face|
💥|collision|boom
☄️|comet|
🧭|compass|
💽|computer disk|minidisc
🖱️|computer mouse|three button mouse
🎊|confetti ball|
😖|confounded face|confounded
😕|confused face|confused
🚧|construction|
👷|construction worker|
🎛️|control knobs|
🏪|convenience store|
🧑‍🍳|cook|
🍚|cooked rice|rice
🍪|cookie|
🍳|cooking|egg fried egg
©️|copyright|
🪸|coral|
🛋️|couch and lamp|
🔄|counterclockwise arrows button|arrows counterclockwise
💑|couple with heart|
👨‍❤️‍👨|couple with heart man man|
👩‍❤️‍👨|couple with heart woman man|
👩‍❤️‍👩|couple with heart woman woman|
🐄|cow|cow2
🐮|cow face|cow
🤠|cowboy hat face|
🦀|crab|
🫫|cracking face|
🖍️|crayon|lower left crayon
💳|credit card|
🌙|crescent moon|
🦗|cricket|
🏏|cricket game|cricket bat and ball
🐊|crocodile|
🥐|croissant|
❌|cross mark|x
❎|cross mark button|negative squared cross mark
🤞|crossed fingers|
🎌|crossed flags|
⚔️|crossed swords|
👑|crown|
🩼|crutch|
😿|crying cat|crying cat face
😢|crying face|cry
🔮|crystal ball|
🥒|cucumber|
🥤|cup with straw|
🧁|cupcake|
🥌|curling stone|
➰|curly loop|
💱|currency exchange|
🍛|curry rice|curry
🍮|custard|
🛃|customs|
🥩|cut of meat|
🌀|cyclone|
🗡️|dagger|dagger knife
🍡|dango|
💨|dashing away|dash
🧏‍♂️|deaf man|
🧏|deaf person|
🧏‍♀️|deaf woman|
🌳|deciduous tree|
🦌|deer|
🚚|delivery truck|truck
🏬|department store|
🏚️|derelict house|derelict house building
🏜️|desert|
🏝️|desert island|
🖥️|desktop computer|
🕵️|detective|sleuth or spy
♦️|diamond suit|diamonds
💠|diamond with a dot|diamond shape with a dot inside
🔅|dim button|low brightness
😞|disappointed face|disappointed
🥸|disguised face|
🫪|distorted face|
➗|divide|heavy division sign
🤿|diving mask|
🪔|diya lamp|
💫|dizzy|
🧬|dna|
🦤|dodo|
🐕|dog|dog2
🐶|dog face|dog
💵|dollar banknote|dollar
🐬|dolphin|flipper
🫏|donkey|
🚪|door|
🫥|dotted line face|
🔯|dotted six-pointed star|six pointed star dotted six pointed star
➿|double curly loop|loop
‼️|double exclamation mark|bangbang
🍩|doughnut|
🕊️|dove|dove of peace
↙️|down-left arrow|arrow lower left down left arrow
↘️|down-right arrow|arrow lower right down right arrow
⬇️|down arrow|arrow down
😓|downcast face with sweat|sweat
🔽|downwards button|arrow down small
🐉|dragon|
🐲|dragon face|
👗|dress|
🤤|drooling face|
🩸|drop of blood|
💧|droplet|
🥁|drum|
🦆|duck|
🥟|dumpling|
📀|dvd|
📧|e-mail|email e mail
🦅|eagle|
👂|ear|
🌽|ear of corn|corn
🦻|ear with hearing aid|
🥚|egg|egg2
🍆|eggplant|
✴️|eight-pointed star|eight pointed black star eight pointed star
✳️|eight-spoked asterisk|eight spoked asterisk
🕣|eight-thirty|clock830 eight thirty
🕗|eight o’clock|clock8 eight oclock
⏏️|eject button|eject symbol
🔌|electric plug|
🐘|elephant|
🛗|elevator|
🕦|eleven-thirty|clock1130 eleven thirty
🕚|eleven o’clock|clock11 eleven oclock
🧝|elf|
🪹|empty nest|
😡|enraged face|rage pout
✉️|envelope|
📩|envelope with arrow|
🪌|eraser|
💶|euro banknote|euro
🌲|evergreen tree|
🐑|ewe|sheep
⁉️|exclamation question mark|interrobang
🤯|exploding head|
😑|expressionless face|expressionless
👁️|eye|
👁️‍🗨️|eye in speech bubble|eye speech bubble
👀|eyes|
😘|face blowing a kiss|kissing heart
😮‍💨|face exhaling|
🥹|face holding back tears|
😶‍🌫️|face in clouds|
😋|face savoring food|yum
😱|face screaming in fear|scream
🤮|face vomiting|vomiting face
🫩|face with bags under eyes|
😵|face with crossed-out eyes|dizzy face face with crossed out eyes knocked out face
🫤|face with diagonal mouth|
🤭|face with hand over mouth|hand over mouth
🤕|face with head-bandage|face with head bandage
😷|face with medical mask|mask
🧐|face with monocle|monocle face
🫢|face with open eyes and hand over mouth|
😮|face with open mouth|open mouth
🫣|face with peeking eye|
🤨|face with raised eyebrow|raised eyebrow
🙄|face with rolling eyes|roll eyes
😵‍💫|face with spiral eyes|
😤|face with steam from nose|triumph
🤬|face with symbols on mouth|cursing face
😂|face with tears of joy|joy
🤒|face with thermometer|
😛|face with tongue|stuck out tongue
😶|face without mouth|no mouth
🏭|factory|
🧑‍🏭|factory worker|
🧚|fairy|
🧆|falafel|
🍂|fallen leaf|
👪|family|
🧑‍🧑‍🧒|family adult adult child|
🧑‍🧑‍🧒‍🧒|family adult adult child child|
🧑‍🧒|family adult child|
🧑‍🧒‍🧒|family adult child child|
👨‍👦|family man boy|
👨‍👦‍👦|family man boy boy|
👨‍👧|family man girl|
👨‍👧‍👦|family man girl boy|
👨‍👧‍👧|family man girl girl|
👨‍👨‍👦|family man man boy|
👨‍👨‍👦‍👦|family man man boy boy|
👨‍👨‍👧|family man man girl|
👨‍👨‍👧‍👦|family man man girl boy|
👨‍👨‍👧‍👧|family man man girl girl|
👨‍👩‍👦|family man woman boy|
👨‍👩‍👦‍👦|family man woman boy boy|
👨‍👩‍👧|family man woman girl|
👨‍👩‍👧‍👦|family man woman girl boy|
👨‍👩‍👧‍👧|family man woman girl girl|
👩‍👦|family woman boy|
👩‍👦‍👦|family woman boy boy|
👩‍👧|family woman girl|
👩‍👧‍👦|family woman girl boy|
👩‍👧‍👧|family woman girl girl|
👩‍👩‍👦|family woman woman boy|
👩‍👩‍👦‍👦|family woman woman boy boy|
👩‍👩‍👧|family woman woman girl|
👩‍👩‍👧‍👦|family woman woman girl boy|
👩‍👩‍👧‍👧|family woman woman girl girl|
🧑‍🌾|farmer|
⏩|fast-forward button|fast forward fast forward button
⏬|fast down button|arrow double down
⏪|fast reverse button|rewind
⏫|fast up button|arrow double up
📠|fax machine|fax
😨|fearful face|fearful
🪶|feather|
♀️|female sign|
🎡|ferris wheel|
⛴️|ferry|
🏑|field hockey|field hockey stick and ball
🫯|fight cloud|
🗄️|file cabinet|
📁|file folder|
🎞️|film frames|film strip
📽️|film projector|
🫆|fingerprint|
🔥|fire|
🚒|fire engine|
🧯|fire extinguisher|
🧨|firecracker|
🧑‍🚒|firefighter|
🎆|fireworks|
🌓|first quarter moon|
🌛|first quarter moon face|first quarter moon with face
🐟|fish|
🍥|fish cake with swirl|fish cake
🎣|fishing pole|fishing pole and fish
🕠|five-thirty|clock530 five thirty
🕔|five o’clock|clock5 five oclock
⛳|flag in hole|golf
🦩|flamingo|
🔦|flashlight|
🥿|flat shoe|
🫓|flatbread|
⚜️|fleur-de-lis|fleur de lis
💪|flexed biceps|muscle
💾|floppy disk|
🎴|flower playing cards|
😳|flushed face|flushed
🪈|flute|
🪰|fly|
🥏|flying disc|
🛸|flying saucer|
🌫️|fog|
🌁|foggy|
🙏|folded hands|pray
🪭|folding hand fan|
🫕|fondue|
🦶|foot|
👣|footprints|
🍴|fork and knife|
🍽️|fork and knife with plate|plate with cutlery
🥠|fortune cookie|
⛲|fountain|
🖋️|fountain pen|lower left fountain pen
🕟|four-thirty|clock430 four thirty
🍀|four leaf clover|
🕓|four o’clock|clock4 four oclock
🦊|fox|fox face
🖼️|framed picture|frame with picture
🍟|french fries|fries
🍤|fried shrimp|
🐸|frog|
🐥|front-facing baby chick|hatched chick front facing baby chick
☹️|frowning face|white frowning face
😦|frowning face with open mouth|frowning
⛽|fuel pump|fuelpump
🌕|full moon|
🌝|full moon face|full moon with face
⚱️|funeral urn|
🎲|game die|
🧄|garlic|
⚙️|gear|
💎|gem stone|gem
🧞|genie|
👻|ghost|
🫚|ginger root|
🦒|giraffe|
👧|girl|
🥛|glass of milk|milk glass
👓|glasses|eyeglasses
🌎|globe showing Americas|earth americas globe showing americas
🌏|globe showing Asia-Australia|earth asia globe showing asia australia
🌍|globe showing Europe-Africa|earth africa globe showing europe africa
🌐|globe with meridians|
🧤|gloves|
🌟|glowing star|star2
🥅|goal net|
🐐|goat|
👺|goblin|japanese goblin
🥽|goggles|
🪿|goose|
🦍|gorilla|harambe
🎓|graduation cap|mortar board
🍇|grapes|
🍏|green apple|
📗|green book|
🟢|green circle|
💚|green heart|
🥗|green salad|
🟩|green square|
🩶|grey heart|
😬|grimacing face|grimacing
😺|grinning cat|smiley cat
😸|grinning cat with smiling eyes|smile cat
😀|grinning face|grinning
😃|grinning face with big eyes|smiley
😄|grinning face with smiling eyes|smile
😅|grinning face with sweat|sweat smile
😆|grinning squinting face|satisfied laughing
💗|growing heart|heartpulse
💂|guard|
🦮|guide dog|
🎸|guitar|
🪮|hair pick|
🫈|hairy creature|
🍔|hamburger|
🔨|hammer|
⚒️|hammer and pick|
🛠️|hammer and wrench|
🪬|hamsa|
🐹|hamster|
🖐️|hand with fingers splayed|raised hand with fingers splayed
🫰|hand with index finger and thumb crossed|
👜|handbag|
🤝|handshake|
🪉|harp|
🐣|hatching chick|
🙂‍↔️|head shaking horizontally|
🙂‍↕️|head shaking vertically|
🎧|headphone|headphones
🪦|headstone|
🧑‍⚕️|health worker|
🙉|hear-no-evil monkey|hear no evil hear no evil monkey
💟|heart decoration|
❣️|heart exclamation|heavy heart exclamation heavy heart exclamation mark ornament
🫶|heart hands|
❤️‍🔥|heart on fire|
♥️|heart suit|hearts
💘|heart with arrow|cupid
💝|heart with ribbon|gift heart
💲|heavy dollar sign|
🟰|heavy equals sign|
🦔|hedgehog|
🚁|helicopter|
🌿|herb|
🌺|hibiscus|
👠|high-heeled shoe|high heel high heeled shoe
🚄|high-speed train|bullettrain side high speed train
⚡|high voltage|zap
🥾|hiking boot|
🛕|hindu temple|
🦛|hippopotamus|
🕳️|hole|
⭕|hollow red circle|o
🍯|honey pot|
🐝|honeybee|bee
🪝|hook|
🚥|horizontal traffic light|traffic light
🐎|horse|racehorse
🐴|horse face|horse
🏇|horse racing|
🏥|hospital|
☕|hot beverage|coffee
🌭|hot dog|hotdog
🥵|hot face|
🌶️|hot pepper|
♨️|hot springs|hotsprings
🏨|hotel|
⌛|hourglass done|hourglass
⏳|hourglass not done|hourglass flowing sand
🏠|house|
🏡|house with garden|
🏘️|houses|house buildings
💯|hundred points|100
😯|hushed face|hushed
🛖|hut|
🪻|hyacinth|
🧊|ice|ice cube
🍨|ice cream|
🏒|ice hockey|ice hockey stick and puck
⛸️|ice skate|
🪪|identification card|
📥|inbox tray|
📨|incoming envelope|
🫵|index pointing at the viewer|
☝️|index pointing up|point up
♾️|infinity|
ℹ️|information|information source
🔤|input latin letters|abc
🔡|input latin lowercase|abcd
🔠|input latin uppercase|capital abcd
🔢|input numbers|1234
🔣|input symbols|symbols
🎃|jack-o-lantern|jack o lantern
🫙|jar|
👖|jeans|
🪼|jellyfish|
🃏|joker|black joker
🕹️|joystick|
🧑‍⚖️|judge|
🕋|kaaba|
🦘|kangaroo|
🔑|key|
⌨️|keyboard|
#️⃣|keycap #|hash
*️⃣|keycap *|asterisk
0️⃣|keycap 0|zero
1️⃣|keycap 1|one
🔟|keycap 10|ten keycap ten
2️⃣|keycap 2|two
3️⃣|keycap 3|three
4️⃣|keycap 4|four
5️⃣|keycap 5|five
6️⃣|keycap 6|six
7️⃣|keycap 7|seven
8️⃣|keycap 8|eight
9️⃣|keycap 9|nine
🪯|khanda|
🛴|kick scooter|
👘|kimono|
💏|kiss|couplekiss
👨‍❤️‍💋‍👨|kiss man man|couplekiss man man
💋|kiss mark|kiss
👩‍❤️‍💋‍👨|kiss woman man|couplekiss man woman
👩‍❤️‍💋‍👩|kiss woman woman|couplekiss woman woman
😽|kissing cat|
😗|kissing face|kissing
😚|kissing face with closed eyes|kissing closed eyes
😙|kissing face with smiling eyes|kissing smiling eyes
🔪|kitchen knife|hocho knife
🪁|kite|
🥝|kiwi fruit|
🪢|knot|
🐨|koala|
🥼|lab coat|
🏷️|label|
🥍|lacrosse|
🪜|ladder|
🐞|lady beetle|beetle
🛘|landslide|
💻|laptop|computer
🔷|large blue diamond|
🔶|large orange diamond|
🌗|last quarter moon|
🌜|last quarter moon face|last quarter moon with face
⏮️|last track button|previous track button black left pointing double triangle with vertical bar
✝️|latin cross|
🍃|leaf fluttering in wind|leaves
🪾|leafless tree|
🥬|leafy green|
📒|ledger|
🤛|left-facing fist|fist left left facing fist
↔️|left-right arrow|left right arrow
⬅️|left arrow|arrow left
↪️|left arrow curving right|arrow right hook
🛅|left luggage|
🗨️|left speech bubble|
🫲|leftwards hand|
🫷|leftwards pushing hand|
🫹|leftwards thumb sign|
🦵|leg|
🍋|lemon|
🐆|leopard|
🎚️|level slider|
🩵|light blue heart|
💡|light bulb|bulb
🚈|light rail|
🛙|lighthouse|
🍋‍🟩|lime|
🔗|link|
🖇️|linked paperclips|paperclips
🦁|lion|lion face
💄|lipstick|
🚮|litter in bin sign|put litter in its place
🦎|lizard|
🦙|llama|
🦞|lobster|
🔒|locked|lock
🔐|locked with key|closed lock with key
🔏|locked with pen|lock with ink pen
🚂|locomotive|steam locomotive
🍭|lollipop|
🪘|long drum|
🧴|lotion bottle|
🪷|lotus|
😭|loudly crying face|sob
📢|loudspeaker|
🤟|love-you gesture|love you gesture
🏩|love hotel|
💌|love letter|
🪫|low battery|
🧳|luggage|
🫁|lungs|
🤥|lying face|
🧙|mage|
🪄|magic wand|
🧲|magnet|
🔍|magnifying glass tilted left|mag
🔎|magnifying glass tilted right|mag right
🀄|mahjong red dragon|mahjong
♂️|male sign|
🦣|mammoth|
👨|man|
👨‍🎨|man artist|
👨‍🚀|man astronaut|
👨‍🦲|man bald|bald man
🧔‍♂️|man beard|
🚴‍♂️|man biking|biking man
👱‍♂️|man blond hair|blond haired man
⛹️‍♂️|man bouncing ball|basketball man bouncing ball man
🙇‍♂️|man bowing|bowing man
🤸‍♂️|man cartwheeling|
🧗‍♂️|man climbing|climbing man
👷‍♂️|man construction worker|construction worker man
👨‍🍳|man cook|
👨‍🦱|man curly hair|curly haired man
🕺|man dancing|
🕵️‍♂️|man detective|male detective
🧝‍♂️|man elf|elf man
🤦‍♂️|man facepalming|
👨‍🏭|man factory worker|
🧚‍♂️|man fairy|fairy man
👨‍🌾|man farmer|
👨‍🍼|man feeding baby|
👨‍🚒|man firefighter|
🙍‍♂️|man frowning|frowning man
🧞‍♂️|man genie|genie man
🙅‍♂️|man gesturing NO|no good man ng man man gesturing no
🙆‍♂️|man gesturing OK|ok man man gesturing ok
💇‍♂️|man getting haircut|haircut man
💆‍♂️|man getting massage|massage man
🏌️‍♂️|man golfing|golfing man
💂‍♂️|man guard|guardsman
👨‍⚕️|man health worker|
🧘‍♂️|man in lotus position|lotus position man
👨‍🦽|man in manual wheelchair|
👨‍🦽‍➡️|man in manual wheelchair facing right|
👨‍🦼|man in motorized wheelchair|
👨‍🦼‍➡️|man in motorized wheelchair facing right|
🧖‍♂️|man in steamy room|sauna man
🤵‍♂️|man in tuxedo|
👨‍⚖️|man judge|
🤹‍♂️|man juggling|
🧎‍♂️|man kneeling|kneeling man
🧎‍♂️‍➡️|man kneeling facing right|
🏋️‍♂️|man lifting weights|weight lifting man
🧙‍♂️|man mage|mage man
👨‍🔧|man mechanic|
🚵‍♂️|man mountain biking|mountain biking man
👨‍💼|man office worker|
👨‍✈️|man pilot|
🤾‍♂️|man playing handball|
🤽‍♂️|man playing water polo|
👮‍♂️|man police officer|policeman
🙎‍♂️|man pouting|pouting man
🙋‍♂️|man raising hand|raising hand man
👨‍🦰|man red hair|red haired man
🚣‍♂️|man rowing boat|rowing man
🏃‍♂️|man running|running man
🏃‍♂️‍➡️|man running facing right|
👨‍🔬|man scientist|
🤷‍♂️|man shrugging|
👨‍🎤|man singer|
🧍‍♂️|man standing|standing man
👨‍🎓|man student|
🦸‍♂️|man superhero|superhero man
🦹‍♂️|man supervillain|supervillain man
🏄‍♂️|man surfing|surfing man
🏊‍♂️|man swimming|swimming man
👨‍🏫|man teacher|
👨‍💻|man technologist|
💁‍♂️|man tipping hand|sassy man tipping hand man
🧛‍♂️|man vampire|vampire man
🚶‍♂️|man walking|walking man
🚶‍♂️‍➡️|man walking facing right|
👳‍♂️|man wearing turban|man with turban
👨‍🦳|man white hair|white haired man
👰‍♂️|man with veil|
👨‍🦯|man with white cane|man with probing cane
👨‍🦯‍➡️|man with white cane facing right|
🧟‍♂️|man zombie|zombie man
🥭|mango|
🕰️|mantelpiece clock|
🦽|manual wheelchair|
👞|man’s shoe|mans shoe shoe
🗾|map of Japan|japan map of japan
🍁|maple leaf|
🪇|maracas|
🥋|martial arts uniform|
🧉|mate|
🍖|meat on bone|
🧑‍🔧|mechanic|
🦾|mechanical arm|
🦿|mechanical leg|
⚕️|medical symbol|
📣|megaphone|mega
🍈|melon|
🫠|melting face|
📝|memo|pencil
👬|men holding hands|two men holding hands
👯‍♂️|men with bunny ears|dancing men
🤼‍♂️|men wrestling|
❤️‍🩹|mending heart|
🕎|menorah|menorah with nine branches
🚹|men’s room|mens mens room
🧜‍♀️|mermaid|
🧜‍♂️|merman|
🧜|merperson|
🪋|meteor|
🚇|metro|
🦠|microbe|
🎤|microphone|
🔬|microscope|
🖕|middle finger|fu reversed hand with middle finger extended
🪖|military helmet|
🎖️|military medal|medal military
🌌|milky way|
🚐|minibus|
➖|minus|heavy minus sign
🪞|mirror|
🪩|mirror ball|
🗿|moai|moyai
📱|mobile phone|iphone
📴|mobile phone off|
📲|mobile phone with arrow|calling
🫌|monarch butterfly|
🤑|money-mouth face|money mouth face
💰|money bag|moneybag
💸|money with wings|
🐒|monkey|
🐵|monkey face|
🚝|monorail|
🥮|moon cake|
🎑|moon viewing ceremony|rice scene
🫎|moose|
🕌|mosque|
🦟|mosquito|
🛥️|motor boat|
🛵|motor scooter|
🏍️|motorcycle|racing motorcycle
🦼|motorized wheelchair|
🛣️|motorway|
🗻|mount fuji|
⛰️|mountain|
🚠|mountain cableway|
🚞|mountain railway|
🐁|mouse|mouse2
🐭|mouse face|mouse
🪤|mouse trap|
👄|mouth|lips
🎥|movie camera|
✖️|multiply|heavy multiplication x
🍄|mushroom|
🎹|musical keyboard|
🎵|musical note|
🎶|musical notes|notes
🎼|musical score|
🔇|muted speaker|mute
💅|nail polish|nail care
📛|name badge|
🏞️|national park|
🤢|nauseated face|
🧿|nazar amulet|
👔|necktie|
🤓|nerd face|
🪺|nest with eggs|
🪆|nesting dolls|
🪍|net with handle|
😐|neutral face|
🌑|new moon|
🌚|new moon face|new moon with face
📰|newspaper|
⏭️|next track button|black right pointing double triangle with vertical bar
🌃|night with stars|
🕤|nine-thirty|clock930 nine thirty
🕘|nine o’clock|clock9 nine oclock
🥷|ninja|
🚳|no bicycles|
⛔|no entry|
🚯|no littering|do not litter
📵|no mobile phones|
🔞|no one under eighteen|underage
🚷|no pedestrians|
🚭|no smoking|
🚱|non-potable water|non potable water
👃|nose|
📓|notebook|
📔|notebook with decorative cover|
🔩|nut and bolt|
🐙|octopus|
🍢|oden|
🏢|office building|office
🧑‍💼|office worker|
👹|ogre|japanese ogre
🛢️|oil drum|
🗝️|old key|
👴|old man|older man
👵|old woman|older woman
🧓|older person|older adult
🫒|olive|
🕉️|om|om symbol
🚘|oncoming automobile|
🚍|oncoming bus|
👊|oncoming fist|fist oncoming punch facepunch
🚔|oncoming police car|
🚖|oncoming taxi|
🩱|one-piece swimsuit|one piece swimsuit
🕜|one-thirty|clock130 one thirty
🕐|one o’clock|clock1 one oclock
🧅|onion|
📖|open book|book
📂|open file folder|
👐|open hands|
📭|open mailbox with lowered flag|mailbox with no mail
📬|open mailbox with raised flag|mailbox with mail
💿|optical disk|cd
📙|orange book|
🟠|orange circle|
🧡|orange heart|
🟧|orange square|
🦧|orangutan|
🫍|orca|
☦️|orthodox cross|
🦦|otter|
📤|outbox tray|
🦉|owl|
🐂|ox|
🦪|oyster|
📦|package|
📄|page facing up|
📃|page with curl|
📟|pager|
🖌️|paintbrush|lower left paintbrush
🫳|palm down hand|
🌴|palm tree|
🫴|palm up hand|
🤲|palms up together|
🥞|pancakes|
🐼|panda|panda face
📎|paperclip|
🪂|parachute|
🦜|parrot|
〽️|part alternation mark|
🎉|party popper|tada
🥳|partying face|
🛳️|passenger ship|
🛂|passport control|
⏸️|pause button|double vertical bar
🐾|paw prints|feet
🫛|pea pod|
☮️|peace symbol|
🍑|peach|
🦚|peacock|
🥜|peanuts|
🍐|pear|
🖊️|pen|lower left ballpoint pen
✏️|pencil|pencil2
🐧|penguin|
😔|pensive face|pensive
🧑‍🤝‍🧑|people holding hands|
🫂|people hugging|
👯|people with bunny ears|dancers
🤼|people wrestling|wrestling
🎭|performing arts|
😣|persevering face|persevere
🧑|person|adult
🧑‍🦲|person bald|
🧔|person beard|bearded person
🚴|person biking|bicyclist
👱|person blond hair|blond haired person person with blond hair
⛹️|person bouncing ball|bouncing ball person person with ball
🙇|person bowing|bow
🤸|person cartwheeling|cartwheeling
🧗|person climbing|climbing
🧑‍🦱|person curly hair|
🤦|person facepalming|facepalm
🧑‍🍼|person feeding baby|
🤺|person fencing|
🙍|person frowning|frowning person
🙅|person gesturing NO|no good person gesturing no
🙆|person gesturing OK|ok person person gesturing ok
💇|person getting haircut|haircut
💆|person getting massage|massage
🏌️|person golfing|golfing golfer
🛌|person in bed|sleeping bed sleeping accommodation
🧘|person in lotus position|lotus position
🧑‍🦽|person in manual wheelchair|
🧑‍🦽‍➡️|person in manual wheelchair facing right|
🧑‍🦼|person in motorized wheelchair|
🧑‍🦼‍➡️|person in motorized wheelchair facing right|
🧖|person in steamy room|sauna person
🕴️|person in suit levitating|business suit levitating man in business suit levitating
🤵|person in tuxedo|
🤹|person juggling|juggling person
🧎|person kneeling|kneeling person
🧎‍➡️|person kneeling facing right|
🏋️|person lifting weights|weight lifting weight lifter
🚵|person mountain biking|mountain bicyclist
🤾|person playing handball|handball person
🤽|person playing water polo|water polo
🙎|person pouting|pouting face person with pouting face
🙋|person raising hand|raising hand
🧑‍🦰|person red hair|
🚣|person rowing boat|rowboat
🏃|person running|runner running
🏃‍➡️|person running facing right|
🤷|person shrugging|shrug
🧍|person standing|standing person
🏄|person surfing|surfer
🏊|person swimming|swimmer
🛀|person taking bath|bath
💁|person tipping hand|tipping hand person information desk person
🚶|person walking|walking
🚶‍➡️|person walking facing right|
👳|person wearing turban|person with turban
🧑‍🦳|person white hair|
🫅|person with crown|
👲|person with skullcap|man with gua pi mao
👰|person with veil|
🧑‍🦯|person with white cane|person with probing cane
🧑‍🦯‍➡️|person with white cane facing right|
🧫|petri dish|
🐦‍🔥|phoenix|
⛏️|pick|
🫝|pickle|
🛻|pickup truck|
🥧|pie|
🐖|pig|pig2
🐷|pig face|pig
🐽|pig nose|
💩|pile of poo|poop hankey shit
💊|pill|
🧑‍✈️|pilot|
🤌|pinched fingers|
🤏|pinching hand|
🎍|pine decoration|bamboo
🍍|pineapple|
🏓|ping pong|table tennis paddle and ball
🩷|pink heart|
🏴‍☠️|pirate flag|
🍕|pizza|
🪅|piñata|pinata
🪧|placard|
🛐|place of worship|
▶️|play button|arrow forward
⏯️|play or pause button|black right pointing triangle with double vertical bar
🛝|playground slide|
🥺|pleading face|
🪠|plunger|
➕|plus|heavy plus sign
🐻‍❄️|polar bear|
🚓|police car|
🚨|police car light|rotating light
👮|police officer|cop
🐩|poodle|
🎱|pool 8 ball|8ball
🍿|popcorn|
🏤|post office|european post office
📯|postal horn|
📮|postbox|
🍲|pot of food|stew
🚰|potable water|
🥔|potato|
🪴|potted plant|
🍗|poultry leg|
💷|pound banknote|pound
🫗|pouring liquid|
😾|pouting cat|
📿|prayer beads|
🫃|pregnant man|
🫄|pregnant person|
🤰|pregnant woman|
🥨|pretzel|
🤴|prince|
👸|princess|
🖨️|printer|
🚫|prohibited|no entry sign
🟣|purple circle|
💜|purple heart|
🟪|purple square|
👛|purse|
📌|pushpin|
🧩|puzzle piece|jigsaw
🐇|rabbit|rabbit2
🐰|rabbit face|rabbit
🦝|raccoon|
🏎️|racing car|
📻|radio|
🔘|radio button|
☢️|radioactive|radioactive sign
🚃|railway car|
🛤️|railway track|
🌈|rainbow|
🏳️‍🌈|rainbow flag|
🤚|raised back of hand|
✊|raised fist|fist fist raised
✋|raised hand|hand
🙌|raising hands|raised hands
🐏|ram|
🐀|rat|
🪒|razor|
🧾|receipt|
⏺️|record button|black circle for record
♻️|recycling symbol|recycle
🍎|red apple|apple
🔴|red circle|
🧧|red envelope|
❗|red exclamation mark|heavy exclamation mark exclamation
❤️|red heart|heart
🏮|red paper lantern|izakaya lantern lantern
❓|red question mark|question
🟥|red square|
🔻|red triangle pointed down|small red triangle down
🔺|red triangle pointed up|small red triangle
®️|registered|
😌|relieved face|relieved
🎗️|reminder ribbon|
🔁|repeat button|repeat
🔂|repeat single button|repeat one
⛑️|rescue worker’s helmet|helmet with white cross rescue worker helmet rescue workers helmet
🚻|restroom|
◀️|reverse button|arrow backward
💞|revolving hearts|
🦏|rhinoceros|
🎀|ribbon|
🍙|rice ball|
🍘|rice cracker|
🤜|right-facing fist|fist right right facing fist
🗯️|right anger bubble|
➡️|right arrow|arrow right
⤵️|right arrow curving down|arrow heading down
↩️|right arrow curving left|leftwards arrow with hook
⤴️|right arrow curving up|arrow heading up
🫱|rightwards hand|
🫸|rightwards pushing hand|
🫺|rightwards thumb sign|
💍|ring|
🛟|ring buoy|
🪐|ringed planet|
🍠|roasted sweet potato|sweet potato
🤖|robot|robot face
🪨|rock|
🚀|rocket|
🧻|roll of paper|
🗞️|rolled-up newspaper|rolled up newspaper newspaper roll
🎢|roller coaster|
🛼|roller skate|
🤣|rolling on the floor laughing|rofl
🐓|rooster|
🫜|root vegetable|
🌹|rose|
🏵️|rosette|
📍|round pushpin|
🏉|rugby football|
🎽|running shirt|running shirt with sash
👟|running shoe|athletic shoe
😥|sad but relieved face|disappointed relieved
🧷|safety pin|
🦺|safety vest|
⛵|sailboat|boat
🍶|sake|
🧂|salt|
🫡|saluting face|
🥪|sandwich|
🥻|sari|
🛰️|satellite|artificial satellite
📡|satellite antenna|satellite
🦕|sauropod|
🎷|saxophone|
🧣|scarf|
🏫|school|
🧑‍🔬|scientist|
✂️|scissors|
🦂|scorpion|
🪛|screwdriver|
📜|scroll|
🦭|seal|
💺|seat|
🙈|see-no-evil monkey|see no evil see no evil monkey
🌱|seedling|
🤳|selfie|
🐕‍🦺|service dog|
🕢|seven-thirty|clock730 seven thirty
🕖|seven o’clock|clock7 seven oclock
🪡|sewing needle|
🫨|shaking face|
🥘|shallow pan of food|
☘️|shamrock|
🦈|shark|
🍧|shaved ice|
🌾|sheaf of rice|ear of rice
🛡️|shield|
⛩️|shinto shrine|
🚢|ship|
🌠|shooting star|stars
🛍️|shopping bags|shopping
🛒|shopping cart|
🍰|shortcake|cake
🩳|shorts|
🪏|shovel|
🚿|shower|
🦐|shrimp|
🔀|shuffle tracks button|twisted rightwards arrows
🤫|shushing face|
🤘|sign of the horns|metal
🧑‍🎤|singer|
🕡|six-thirty|clock630 six thirty
🕕|six o’clock|clock6 six oclock
🛹|skateboard|
⛷️|skier|
🎿|skis|ski
💀|skull|
☠️|skull and crossbones|
🦨|skunk|
🛷|sled|
😴|sleeping face|sleeping
😪|sleepy face|sleepy
🙁|slightly frowning face|
🙂|slightly smiling face|
🎰|slot machine|
🦥|sloth|
🛩️|small airplane|
🔹|small blue diamond|
🔸|small orange diamond|
😻|smiling cat with heart-eyes|heart eyes cat smiling cat with heart eyes
☺️|smiling face|relaxed
😇|smiling face with halo|innocent
😍|smiling face with heart-eyes|heart eyes smiling face with heart eyes
🥰|smiling face with hearts|smiling face with three hearts
😈|smiling face with horns|smiling imp
🤗|smiling face with open hands|hugging face hugs
😊|smiling face with smiling eyes|blush
😎|smiling face with sunglasses|sunglasses
🥲|smiling face with tear|
😏|smirking face|smirk
🐌|snail|
🐍|snake|
🤧|sneezing face|
🏔️|snow-capped mountain|mountain snow snow capped mountain
🏂|snowboarder|
❄️|snowflake|
☃️|snowman|snowman with snow
⛄|snowman without snow|snowman
🧼|soap|
⚽|soccer ball|soccer
🧦|socks|
🍦|soft ice cream|icecream
🥎|softball|
♠️|spade suit|spades
🍝|spaghetti|
❇️|sparkle|
🎇|sparkler|
✨|sparkles|
💖|sparkling heart|
🙊|speak-no-evil monkey|speak no evil speak no evil monkey
🔊|speaker high volume|loud sound
🔈|speaker low volume|speaker
🔉|speaker medium volume|sound
🗣️|speaking head|speaking head in silhouette
💬|speech balloon|
🚤|speedboat|
🕷️|spider|
🕸️|spider web|
🗓️|spiral calendar|spiral calendar pad
🗒️|spiral notepad|spiral note pad
🐚|spiral shell|shell
🫟|splatter|
🧽|sponge|
🥄|spoon|
🚙|sport utility vehicle|blue car
🏅|sports medal|medal sports
🐳|spouting whale|whale
🦑|squid|
😝|squinting face with tongue|stuck out tongue closed eyes
🏟️|stadium|
⭐|star|
🤩|star-struck|star struck
☪️|star and crescent|
✡️|star of David|star of david
🚉|station|
🍜|steaming bowl|ramen
🩺|stethoscope|
⏹️|stop button|black square for stop
🛑|stop sign|
⏱️|stopwatch|
📏|straight ruler|
🍓|strawberry|
🧑‍🎓|student|
🎙️|studio microphone|
🥙|stuffed flatbread|
☀️|sun|sunny
⛅|sun behind cloud|partly sunny
🌥️|sun behind large cloud|white sun behind cloud
🌦️|sun behind rain cloud|white sun behind cloud with rain
🌤️|sun behind small cloud|white sun with small cloud
🌞|sun with face|
🌻|sunflower|
🕶️|sunglasses|dark sunglasses
🌅|sunrise|
🌄|sunrise over mountains|
🌇|sunset|city sunrise
🦸|superhero|
🦹|supervillain|
🍣|sushi|
🚟|suspension railway|
🦢|swan|
💦|sweat droplets|sweat drops
🕍|synagogue|
💉|syringe|
👕|t-shirt|tshirt shirt t shirt
🌮|taco|
🥡|takeout box|
🫔|tamale|
🎋|tanabata tree|
🍊|tangerine|orange mandarin
🚕|taxi|
🧑‍🏫|teacher|
🍵|teacup without handle|tea
🫖|teapot|
📆|tear-off calendar|calendar tear off calendar
🧑‍💻|technologist|
🧸|teddy bear|
☎️|telephone|phone
📞|telephone receiver|
🔭|telescope|
📺|television|tv
🕥|ten-thirty|clock1030 ten thirty
🕙|ten o’clock|clock10 ten oclock
🎾|tennis|
⛺|tent|
🧪|test tube|
🌡️|thermometer|
🤔|thinking face|thinking
🩴|thong sandal|
💭|thought balloon|
🧵|thread|
🕞|three-thirty|clock330 three thirty
🕒|three o’clock|clock3 three oclock
👎|thumbs down|thumbsdown  1 -1
👍|thumbs up|thumbsup +1
🎫|ticket|
🐅|tiger|tiger2
🐯|tiger face|tiger
⏲️|timer clock|
😫|tired face|
🚽|toilet|
🍅|tomato|
👅|tongue|
🧰|toolbox|
🦷|tooth|
🪥|toothbrush|
🎩|top hat|tophat
🌪️|tornado|cloud with tornado
🖲️|trackball|
🚜|tractor|
™️|trade mark|tm
🚆|train|train2
🚊|tram|
🚋|tram car|train
🏳️‍⚧️|transgender flag|
⚧️|transgender symbol|
🪎|treasure chest|
🚩|triangular flag|triangular flag on post
📐|triangular ruler|
🔱|trident emblem|trident
🧌|troll|
🚎|trolleybus|
🪊|trombone|
🏆|trophy|
🍹|tropical drink|
🐠|tropical fish|
🎺|trumpet|
🌷|tulip|
🥃|tumbler glass|
🦃|turkey|
🐢|turtle|
🕧|twelve-thirty|clock1230 twelve thirty
🕛|twelve o’clock|clock12 twelve oclock
🐫|two-hump camel|camel two hump camel
🕝|two-thirty|clock230 two thirty
💕|two hearts|
🕑|two o’clock|clock2 two oclock
☂️|umbrella|open umbrella
⛱️|umbrella on ground|parasol on ground
☔|umbrella with rain drops|umbrella
😒|unamused face|unamused
🦄|unicorn|unicorn face
🔓|unlocked|unlock
↕️|up-down arrow|arrow up down up down arrow
↖️|up-left arrow|arrow upper left up left arrow
↗️|up-right arrow|arrow upper right up right arrow
⬆️|up arrow|arrow up
🙃|upside-down face|upside down face
🔼|upwards button|arrow up small
🧛|vampire|
🚦|vertical traffic light|
📳|vibration mode|
✌️|victory hand|v
📹|video camera|
🎮|video game|
📼|videocassette|vhs
🎻|violin|
🌋|volcano|
🏐|volleyball|
🖖|vulcan salute|raised hand with part between middle and ring fingers
🧇|waffle|
🌘|waning crescent moon|
🌖|waning gibbous moon|
⚠️|warning|
🗑️|wastebasket|
⌚|watch|
🐃|water buffalo|
🚾|water closet|wc
🔫|water pistol|gun
🌊|water wave|ocean
🍉|watermelon|
👋|waving hand|wave
〰️|wavy dash|
🌒|waxing crescent moon|
🌔|waxing gibbous moon|moon
🙀|weary cat|scream cat
😩|weary face|weary
💒|wedding|
🐋|whale|whale2
🛞|wheel|
☸️|wheel of dharma|
♿|wheelchair symbol|wheelchair
🦯|white cane|probing cane
⚪|white circle|
❕|white exclamation mark|grey exclamation
🏳️|white flag|waving white flag
💮|white flower|
🤍|white heart|
⬜|white large square|
◽|white medium-small square|white medium small square
◻️|white medium square|
❔|white question mark|grey question
▫️|white small square|
🔳|white square button|
🥀|wilted flower|
🎐|wind chime|
🌬️|wind face|wind blowing face
🪟|window|
🍷|wine glass|
🪽|wing|
😉|winking face|wink
😜|winking face with tongue|stuck out tongue winking eye
🛜|wireless|
🐺|wolf|
👩|woman|
👫|woman and man holding hands|couple
👩‍🎨|woman artist|
👩‍🚀|woman astronaut|
👩‍🦲|woman bald|bald woman
🧔‍♀️|woman beard|
🚴‍♀️|woman biking|biking woman
👱‍♀️|woman blond hair|blonde woman blond haired woman
⛹️‍♀️|woman bouncing ball|basketball woman bouncing ball woman
🙇‍♀️|woman bowing|bowing woman
🤸‍♀️|woman cartwheeling|
🧗‍♀️|woman climbing|climbing woman
👷‍♀️|woman construction worker|construction worker woman
👩‍🍳|woman cook|
👩‍🦱|woman curly hair|curly haired woman
💃|woman dancing|dancer
🕵️‍♀️|woman detective|female detective
🧝‍♀️|woman elf|elf woman
🤦‍♀️|woman facepalming|
👩‍🏭|woman factory worker|
🧚‍♀️|woman fairy|fairy woman
👩‍🌾|woman farmer|
👩‍🍼|woman feeding baby|
👩‍🚒|woman firefighter|
🙍‍♀️|woman frowning|frowning woman
🧞‍♀️|woman genie|genie woman
🙅‍♀️|woman gesturing NO|ng woman no good woman woman gesturing no
🙆‍♀️|woman gesturing OK|ok woman woman gesturing ok
💇‍♀️|woman getting haircut|haircut woman
💆‍♀️|woman getting massage|massage woman
🏌️‍♀️|woman golfing|golfing woman
💂‍♀️|woman guard|guardswoman
👩‍⚕️|woman health worker|
🧘‍♀️|woman in lotus position|lotus position woman
👩‍🦽|woman in manual wheelchair|
👩‍🦽‍➡️|woman in manual wheelchair facing right|
👩‍🦼|woman in motorized wheelchair|
👩‍🦼‍➡️|woman in motorized wheelchair facing right|
🧖‍♀️|woman in steamy room|sauna woman
🤵‍♀️|woman in tuxedo|
👩‍⚖️|woman judge|
🤹‍♀️|woman juggling|
🧎‍♀️|woman kneeling|kneeling woman
🧎‍♀️‍➡️|woman kneeling facing right|
🏋️‍♀️|woman lifting weights|weight lifting woman
🧙‍♀️|woman mage|mage woman
👩‍🔧|woman mechanic|
🚵‍♀️|woman mountain biking|mountain biking woman
👩‍💼|woman office worker|
👩‍✈️|woman pilot|
🤾‍♀️|woman playing handball|
🤽‍♀️|woman playing water polo|
👮‍♀️|woman police officer|policewoman
🙎‍♀️|woman pouting|pouting woman
🙋‍♀️|woman raising hand|raising hand woman
👩‍🦰|woman red hair|red haired woman
🚣‍♀️|woman rowing boat|rowing woman
🏃‍♀️|woman running|running woman
🏃‍♀️‍➡️|woman running facing right|
👩‍🔬|woman scientist|
🤷‍♀️|woman shrugging|
👩‍🎤|woman singer|
🧍‍♀️|woman standing|standing woman
👩‍🎓|woman student|
🦸‍♀️|woman superhero|superhero woman
🦹‍♀️|woman supervillain|supervillain woman
🏄‍♀️|woman surfing|surfing woman
🏊‍♀️|woman swimming|swimming woman
👩‍🏫|woman teacher|
👩‍💻|woman technologist|
💁‍♀️|woman tipping hand|sassy woman tipping hand woman
🧛‍♀️|woman vampire|vampire woman
🚶‍♀️|woman walking|walking woman
🚶‍♀️‍➡️|woman walking facing right|
👳‍♀️|woman wearing turban|woman with turban
👩‍🦳|woman white hair|white haired woman
🧕|woman with headscarf|
👰‍♀️|woman with veil|bride with veil
👩‍🦯|woman with white cane|woman with probing cane
👩‍🦯‍➡️|woman with white cane facing right|
🧟‍♀️|woman zombie|zombie woman
👢|woman’s boot|boot womans boot
👚|woman’s clothes|womans clothes
👒|woman’s hat|womans hat
👡|woman’s sandal|sandal womans sandal
👭|women holding hands|two women holding hands
👯‍♀️|women with bunny ears|dancing women
🤼‍♀️|women wrestling|
🚺|women’s room|womens womens room
🪵|wood|
🥴|woozy face|
🗺️|world map|
🪱|worm|
😟|worried face|worried
🎁|wrapped gift|gift
🔧|wrench|
✍️|writing hand|
🩻|x-ray|x ray
🧶|yarn|
🥱|yawning face|
🟡|yellow circle|
💛|yellow heart|
🟨|yellow square|
💴|yen banknote|yen
☯️|yin yang|
🪀|yo-yo|yo yo
🤪|zany face|
🦓|zebra|
🤐|zipper-mouth face|zipper mouth face
🧟|zombie|
🇦🇽|Åland Islands|flag for åland islands aland islands
"""
